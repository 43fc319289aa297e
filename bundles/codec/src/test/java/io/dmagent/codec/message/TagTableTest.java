package io.dmagent.codec.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Our SyncML 1.2 and MetInf 1.2 tables against the spec digest (protocol-wire.md 2.2, 2.3). */
class TagTableTest {

  private static String page(int page) {
    return Arrays.stream(Tag.values())
        .filter(t -> t.page() == page)
        .map(t -> String.format("%02X=%s", t.token(), t.element()))
        .collect(Collectors.joining(" "));
  }

  @Test
  void code_page_0_is_syncml_1_2_with_every_token_of_the_spec() {
    assertThat(page(0))
        .isEqualTo(
            "05=Add 06=Alert 07=Archive 08=Atomic 09=Chal 0A=Cmd 0B=CmdID 0C=CmdRef 0D=Copy"
                + " 0E=Cred 0F=Data 10=Delete 11=Exec 12=Final 13=Get 14=Item 15=Lang 16=LocName"
                + " 17=LocURI 18=Map 19=MapItem 1A=Meta 1B=MsgID 1C=MsgRef 1D=NoResp 1E=NoResults"
                + " 1F=Put 20=Replace 21=RespURI 22=Results 23=Search 24=Sequence 25=SessionID"
                + " 26=SftDel 27=Source 28=SourceRef 29=Status 2A=Sync 2B=SyncBody 2C=SyncHdr"
                + " 2D=SyncML 2E=Target 2F=TargetRef 31=VerDTD 32=VerProto 33=NumberOfChanges"
                + " 34=MoreData 35=Field 36=Filter 37=Record 38=FilterType 39=SourceParent"
                + " 3A=TargetParent 3B=Move 3C=Correlator");
  }

  @Test
  void code_page_1_is_metinf_1_2_with_every_token_of_the_spec() {
    assertThat(page(1))
        .isEqualTo(
            "05=Anchor 06=EMI 07=Format 08=FreeID 09=FreeMem 0A=Last 0B=Mark 0C=MaxMsgSize"
                + " 0D=Mem 0E=MetInf 0F=Next 10=NextNonce 11=SharedMem 12=Size 13=Type"
                + " 14=Version 15=MaxObjSize 16=FieldLevel");
  }

  @Test
  void kxml2s_misspelling_is_not_inherited_and_names_identify_elements_across_both_pages() {
    assertThat(Tag.of("NumberOfChanged")).isNull();
    assertThat(Tag.of("NumberOfChanges")).isEqualTo(Tag.NUMBER_OF_CHANGES);
    assertThat(Tag.of(0, 0x30)).as("reserved").isNull();
    assertThat(Tag.of(1, 0x13)).isEqualTo(Tag.TYPE);
    assertThat(Tag.of(2, 0x13)).as("page 2 is DM DDF, not ours").isNull();
  }
}
