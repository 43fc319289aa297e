package io.dmagent.codec.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.Alert;
import io.dmagent.api.message.ItemCommand;
import io.dmagent.api.message.ItemData;
import io.dmagent.api.message.MessageFormatException;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.message.UnsupportedCommand;
import io.dmagent.api.transport.DmMediaType;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The variants real peers send, each accepted and read into the same model. */
class WhatPeersSendTest {
  private static final int MAX = 1 << 20;
  private final SyncMlCodec codec = new SyncMlCodec();

  private SyncMessage wbxml(byte[] message) throws MessageFormatException {
    return codec.decode(message, Encoding.WBXML, MAX);
  }

  private SyncMessage xml(String message) throws MessageFormatException {
    return codec.decode(message.getBytes(StandardCharsets.UTF_8), Encoding.XML, MAX);
  }

  private static byte[] alertIn(WbxmlMessage header) {
    return header
        .headerAndBody()
        .open(Tag.ALERT)
        .text(Tag.CMD_ID, "1")
        .text(Tag.DATA, "1201")
        .end()
        .finish()
        .build();
  }

  private void assertIsTheAlertMessage(SyncMessage m) {
    assertThat(m.header().sessionId()).isEqualTo("1");
    assertThat(m.commands()).containsExactly(Alert.of("1", 1201));
    assertThat(m.isFinal()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "0x1201, SyncML 1.2 (libdmclient)",
    "0x0FD3, SyncML 1.1 (DM 1.1)",
    "0x0FD1, SyncML 1.0",
    "0x01, unknown (kxml2's serializer)"
  })
  void a_numeric_public_id_of_syncml_is_accepted(String publicId, String who) throws Exception {
    byte[] message =
        alertIn(WbxmlMessage.raw(0x02).mbUint(Integer.decode(publicId)).bytes(0x6A, 0x00));

    assertIsTheAlertMessage(wbxml(message));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "-//SYNCML//DTD SyncML 1.2//EN",
        "-//SYNCML//DTD SyncML 1.1//EN",
        "-//SYNCML//DTD SyncML 1.0//EN",
        "-//syncml//dtd syncml 1.2//en"
      })
  void a_syncml_fpi_in_the_string_table_is_accepted(String fpi) throws Exception {
    assertIsTheAlertMessage(wbxml(alertIn(WbxmlMessage.withTable(0x02, fpi))));
  }

  @Test
  void aosps_fpi_without_its_terminating_nul_is_accepted() throws Exception {
    byte[] fpi = WbxmlSink.FPI.getBytes(StandardCharsets.US_ASCII);
    WbxmlMessage header = WbxmlMessage.raw(0x02, 0x00, 0x00, 0x6A, fpi.length);
    for (byte b : fpi) {
      header.bytes(b);
    }

    assertIsTheAlertMessage(wbxml(alertIn(header)));
  }

  @ParameterizedTest
  @ValueSource(ints = {0x01, 0x02, 0x03})
  void wbxml_versions_1_1_to_1_3_are_accepted(int version) throws Exception {
    assertIsTheAlertMessage(wbxml(alertIn(WbxmlMessage.withTable(version, WbxmlSink.FPI))));
  }

  @Test
  void wbxml_1_0_without_a_charset_field_is_accepted() throws Exception {
    assertIsTheAlertMessage(wbxml(alertIn(WbxmlMessage.raw(0x00).mbUint(0x1201).bytes(0x00))));
  }

  @Test
  void data_as_inline_string_table_string_opaque_and_entity_are_all_read() throws Exception {
    byte[] message =
        WbxmlMessage.syncMl12("./Table", "value from table")
            .headerAndBody()
            .open(Tag.REPLACE)
            .text(Tag.CMD_ID, "1")
            .open(Tag.ITEM)
            .open(Tag.TARGET)
            .open(Tag.LOC_URI)
            .bytes(WbxmlMessage.STR_T, 30) // "./Table", after the FPI and its NUL
            .end()
            .end()
            .open(Tag.DATA)
            .bytes(WbxmlMessage.STR_T, 38)
            .str(" & inline ")
            .bytes(WbxmlMessage.ENTITY, 0x81, 0x69) // U+00E9
            .end()
            .end()
            .open(Tag.ITEM)
            .open(Tag.DATA)
            .opaque("opaque".getBytes(StandardCharsets.UTF_8))
            .end()
            .end()
            .end()
            .finish()
            .build();

    ItemCommand replace = (ItemCommand) wbxml(message).commands().get(0);

    assertThat(replace.items().get(0).targetUri()).contains("./Table");
    assertThat(replace.items().get(0).data())
        .contains(ItemData.text("value from table & inline é"));
    assertThat(replace.items().get(1).data())
        .contains(ItemData.opaque("opaque".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void alert_data_and_correlator_come_in_either_order() throws Exception {
    String dataFirst =
        HostileMessageTest.xml(
            "<Alert><CmdID>1</CmdID><Data>1226</Data><Correlator>c1</Correlator></Alert>");
    String correlatorFirst =
        HostileMessageTest.xml(
            "<Alert><CmdID>1</CmdID><Correlator>c1</Correlator><Data>1226</Data></Alert>");
    Alert expected = new Alert("1", false, 1226, Optional.of("c1"), java.util.List.of());

    assertThat(xml(dataFirst).commands()).containsExactly(expected);
    assertThat(xml(correlatorFirst).commands()).containsExactly(expected);
  }

  @Test
  void empty_elements_come_with_or_without_the_content_bit() throws Exception {
    byte[] withContent =
        WbxmlMessage.syncMl12()
            .headerAndBody()
            .open(Tag.GET)
            .text(Tag.CMD_ID, "1")
            .open(Tag.NO_RESP)
            .end()
            .open(Tag.ITEM)
            .open(Tag.DATA)
            .end()
            .open(Tag.MORE_DATA)
            .end()
            .end()
            .end()
            .open(Tag.FINAL)
            .end()
            .end()
            .end()
            .build();
    byte[] without =
        WbxmlMessage.syncMl12()
            .headerAndBody()
            .open(Tag.GET)
            .text(Tag.CMD_ID, "1")
            .empty(Tag.NO_RESP)
            .open(Tag.ITEM)
            .empty(Tag.DATA)
            .empty(Tag.MORE_DATA)
            .end()
            .end()
            .finish()
            .build();

    SyncMessage m = wbxml(withContent);
    assertThat(m).isEqualTo(wbxml(without));
    ItemCommand get = (ItemCommand) m.commands().get(0);
    assertThat(get.noResp()).isTrue();
    assertThat(get.items().get(0).moreData()).isTrue();
    assertThat(get.items().get(0).data()).contains(ItemData.text(""));
    assertThat(m.isFinal()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Map", "Put", "Search", "Sync", "Move"})
  void a_syncml_command_dm_does_not_use_is_an_unsupported_command(String element) throws Exception {
    String body =
        "<"
            + element
            + "><CmdID>7</CmdID><NoResp/><Target><LocURI>./x</LocURI></Target>"
            + "<Item><Data>d</Data></Item></"
            + element
            + ">";

    SyncMessage m = xml(HostileMessageTest.xml(body));
    SyncMessage w = wbxml(codec.encode(m, Encoding.WBXML));

    assertThat(m.commands()).containsExactly(new UnsupportedCommand(element, "7", true));
    assertThat(w).isEqualTo(m);
  }

  @Test
  void elements_dm_has_no_use_for_are_passed_over() throws Exception {
    String body =
        "<Get><CmdID>1</CmdID><Lang>en</Lang><Cred><Data>c</Data></Cred>"
            + "<Item><Target><LocURI>./a</LocURI></Target><TargetParent><LocURI>./</LocURI>"
            + "</TargetParent><SourceParent><LocURI>./</LocURI></SourceParent></Item></Get>"
            + "<Delete><CmdID>2</CmdID><Archive/><SftDel/><Item><Target><LocURI>./b</LocURI>"
            + "</Target></Item></Delete>"
            + "<Replace><CmdID>3</CmdID><Item><Meta><Anchor xmlns='syncml:metinf'><Last>1</Last>"
            + "</Anchor><Version xmlns='syncml:metinf'>2</Version></Meta><Data>v</Data></Item>"
            + "<x:Ext xmlns:x='urn:vendor'><x:Deep>y</x:Deep></x:Ext></Replace>";

    SyncMessage m = xml(HostileMessageTest.xml(body));

    assertThat(m.commands())
        .extracting(c -> ((ItemCommand) c).items().get(0).targetUri().orElse("-"))
        .containsExactly("./a", "./b", "-");
    assertThat(((ItemCommand) m.commands().get(2)).items().get(0).meta())
        .contains(io.dmagent.api.message.Meta.EMPTY);
  }

  @Test
  void a_literal_tag_in_wbxml_is_passed_over() throws Exception {
    byte[] message =
        WbxmlMessage.syncMl12("Vendor")
            .headerAndBody()
            .open(Tag.GET)
            .text(Tag.CMD_ID, "1")
            .bytes(WbxmlMessage.LITERAL | WbxmlMessage.CONTENT, 30)
            .str("ignored")
            .end()
            .end()
            .finish()
            .build();

    assertThat(wbxml(message).commands()).hasSize(1);
  }

  @Test
  void metinf_values_may_come_wrapped_in_metinf() throws Exception {
    String body =
        "<Status><CmdID>1</CmdID><MsgRef>1</MsgRef><CmdRef>0</CmdRef><Cmd>SyncHdr</Cmd>"
            + "<Chal><Meta><MetInf xmlns='syncml:metinf'><Type>syncml:auth-md5</Type>"
            + "<Format>b64</Format><NextNonce>Tm9uY2U=</NextNonce></MetInf></Meta></Chal>"
            + "<Data>407</Data></Status>";

    Status s = (Status) xml(HostileMessageTest.xml(body)).commands().get(0);

    assertThat(s.chal().orElseThrow().meta())
        .isEqualTo(
            io.dmagent.api.message.Meta.of("b64", "syncml:auth-md5").withNextNonce("Tm9uY2U="));
  }

  @Test
  void xml_without_namespaces_with_cdata_and_aosps_bare_ampersands_reads() throws Exception {
    String message =
        "<SyncML><SyncHdr><VerDTD>1.1</VerDTD><VerProto>DM/1.1</VerProto><SessionID>1"
            + "</SessionID><MsgID>1</MsgID><Target><LocURI>d</LocURI></Target><Source><LocURI>s"
            + "</LocURI></Source></SyncHdr><SyncBody><Alert><CmdID>1</CmdID><Data>1101</Data>"
            + "<Item><Data>MAXDT=15&DR=1</Data></Item><Item><Data><![CDATA[a <b> & c]]></Data>"
            + "</Item><Item><Data>&amp;&#65;</Data></Item></Alert><Final/></SyncBody></SyncML>";

    Alert alert = (Alert) xml(message).commands().get(0);

    assertThat(alert.items())
        .extracting(i -> i.data().orElseThrow().text())
        .containsExactly("MAXDT=15&DR=1", "a <b> & c", "&A");
  }

  @Test
  void an_embedded_mgmt_tree_reads_the_same_from_xml_and_from_wbxml_page_2() throws Exception {
    String body =
        "<Add><CmdID>1</CmdID><Item><Target><LocURI>./V</LocURI></Target><Data>\n"
            + "  <MgmtTree xmlns='syncml:dmddf1.2'>\n    <VerDTD>1.2</VerDTD>\n"
            + "    <Node><NodeName>V</NodeName><RTProperties><Format><chr/></Format>"
            + "</RTProperties><Value> a&amp;b </Value></Node>\n  </MgmtTree>\n</Data></Item></Add>";
    byte[] wbxml =
        WbxmlMessage.syncMl12()
            .headerAndBody()
            .open(Tag.ADD)
            .text(Tag.CMD_ID, "1")
            .open(Tag.ITEM)
            .open(Tag.TARGET)
            .text(Tag.LOC_URI, "./V")
            .end()
            .open(Tag.DATA)
            .ddf(0x20, true) // MgmtTree
            .ddf(0x37, true) // VerDTD
            .str("1.2")
            .end()
            .ddf(0x24, true) // Node
            .ddf(0x26, true) // NodeName
            .str("V")
            .end()
            .ddf(0x2F, true) // RTProperties
            .ddf(0x1C, true) // Format
            .ddf(0x0B, false) // chr
            .end()
            .end()
            .ddf(0x36, true) // Value
            .str(" a&b ")
            .end()
            .end()
            .end()
            .end()
            .end()
            .end()
            .finish()
            .build();

    SyncMessage fromXml = xml(HostileMessageTest.xml(body));
    SyncMessage fromWbxml = wbxml(wbxml);

    ItemData data = ((ItemCommand) fromXml.commands().get(0)).items().get(0).data().orElseThrow();
    assertThat(data)
        .isEqualTo(
            new ItemData.Markup(
                "<MgmtTree xmlns=\"syncml:dmddf1.2\"><VerDTD>1.2</VerDTD><Node><NodeName>V"
                    + "</NodeName><RTProperties><Format><chr/></Format></RTProperties>"
                    + "<Value> a&amp;b </Value></Node></MgmtTree>"));
    assertThat(fromWbxml).isEqualTo(fromXml);
  }

  @Test
  void a_mgmt_tree_without_a_namespace_is_in_the_ddf_one() throws Exception {
    String body =
        "<Add><CmdID>1</CmdID><Item><Data><MgmtTree><VerDTD>1.2</VerDTD></MgmtTree></Data>"
            + "</Item></Add>";

    ItemData data =
        ((ItemCommand) xml(HostileMessageTest.xml(body)).commands().get(0))
            .items()
            .get(0)
            .data()
            .orElseThrow();

    assertThat(data.text())
        .isEqualTo("<MgmtTree xmlns=\"syncml:dmddf1.2\"><VerDTD>1.2</VerDTD></MgmtTree>");
  }

  @ParameterizedTest
  @CsvSource({
    "application/vnd.syncml.dm+xml, XML",
    "application/vnd.syncml.dm+wbxml, WBXML",
    "application/vnd.syncml+xml, XML",
    "application/vnd.syncml+wbxml; charset=utf-8, WBXML"
  })
  void dm_and_data_sync_media_types_name_the_encoding(String contentType, Encoding encoding) {
    assertThat(DmMediaType.fromContentType(contentType).orElseThrow().encoding())
        .isEqualTo(encoding);
    assertThat(DmMediaType.dm(encoding).mimeType()).startsWith("application/vnd.syncml.dm+");
  }
}
