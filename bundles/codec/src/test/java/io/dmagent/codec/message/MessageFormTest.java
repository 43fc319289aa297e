package io.dmagent.codec.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.Alert;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.CommandName;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.ItemCommand;
import io.dmagent.api.message.ItemData;
import io.dmagent.api.message.Meta;
import io.dmagent.api.message.SyncMessage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the encoder writes, byte for byte where it matters to peers. */
class MessageFormTest {
  private final SyncMlCodec codec = new SyncMlCodec();

  private String xml(Command... commands) {
    SyncMessage m = new SyncMessage(Messages.serverHeader(), List.of(commands), true);
    return new String(codec.encode(m, Encoding.XML), StandardCharsets.UTF_8);
  }

  private String wbxmlHex(Command... commands) {
    return HexFormat.of()
        .formatHex(
            codec.encode(
                new SyncMessage(Messages.serverHeader(), List.of(commands), true), Encoding.WBXML));
  }

  /** The hex of a command's tokens, as written alone. */
  private static String tokens(Command c) {
    WbxmlSink sink = new WbxmlSink(false);
    new MessageWriter(sink).command(c);
    return HexFormat.of().formatHex(sink.finish());
  }

  @Test
  void wbxml_starts_with_version_1_2_the_syncml_fpi_in_the_string_table_and_utf_8() {
    byte[] m = codec.encode(Messages.messages().get("empty body"), Encoding.WBXML);
    String fpi = "-//SYNCML//DTD SyncML 1.2//EN";

    assertThat(Arrays.copyOf(m, 5)).containsExactly(0x02, 0x00, 0x00, 0x6A, 0x1E);
    assertThat(new String(m, 5, 30, StandardCharsets.US_ASCII)).isEqualTo(fpi + "\0");
    assertThat(m[35] & 0xFF).as("SyncML with content").isEqualTo(0x6D);
  }

  @Test
  void xml_declares_utf_8_and_the_syncml_namespace_and_metinf_on_every_metinf_element() {
    String x = xml(ItemCommand.of(CommandName.REPLACE, "1", Messages.leaf("./a", "v")));

    assertThat(x)
        .startsWith(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><SyncML xmlns=\"SYNCML:SYNCML1.2\"><SyncHdr>")
        .contains(
            "<Meta><Format xmlns=\"syncml:metinf\">chr</Format>"
                + "<Type xmlns=\"syncml:metinf\">text/plain</Type></Meta>")
        .contains("<MaxMsgSize xmlns=\"syncml:metinf\">3500</MaxMsgSize>")
        .endsWith("<Final/></SyncBody></SyncML>")
        .doesNotContain("\n");
  }

  @Test
  void header_children_follow_the_dtd() {
    String x = xml();

    assertThat(x)
        .containsSubsequence(
            "<VerDTD>",
            "<VerProto>",
            "<SessionID>",
            "<MsgID>",
            "<Target>",
            "<Source>",
            "<RespURI>",
            "<Meta>",
            "</SyncHdr>");
    assertThat(
            new String(
                codec.encode(Messages.messages().get("not final"), Encoding.XML),
                StandardCharsets.UTF_8))
        .containsSubsequence(
            "<Source>", "<LocName>dev-user</LocName>", "<Cred>", "<Meta>", "</SyncHdr>")
        .doesNotContain("<Final/>");
  }

  @Test
  void alert_writes_data_before_correlator_then_items() {
    String x = xml(Messages.commands().get("generic alert"));

    assertThat(x)
        .contains(
            "<Alert><CmdID>10</CmdID><Data>1226</Data><Correlator>corr-42</Correlator><Item>"
                + "<Source><LocURI>./FUMO</LocURI></Source><Meta>"
                + "<Format xmlns=\"syncml:metinf\">int</Format>"
                + "<Type xmlns=\"syncml:metinf\">org.openmobilealliance.dm.firmwareupdate.update"
                + "</Type><Mark xmlns=\"syncml:metinf\">critical</Mark></Meta>"
                + "<Data>200</Data></Item></Alert>");
  }

  @Test
  void status_follows_the_dtd_with_chal_before_data() {
    String x = xml(Messages.commands().get("status with a challenge"));

    assertThat(x)
        .contains(
            "<Status><CmdID>17</CmdID><MsgRef>1</MsgRef><CmdRef>0</CmdRef><Cmd>SyncHdr</Cmd>"
                + "<TargetRef>https://dm.example.com/dm</TargetRef>"
                + "<SourceRef>IMEI:493005100592800</SourceRef><Chal><Meta>"
                + "<Format xmlns=\"syncml:metinf\">b64</Format>"
                + "<Type xmlns=\"syncml:metinf\">syncml:auth-md5</Type>"
                + "<NextNonce xmlns=\"syncml:metinf\">Tm9uY2U=</NextNonce></Meta></Chal>"
                + "<Data>401</Data></Status>");
  }

  @Test
  void results_and_exec_follow_the_dtd() {
    assertThat(xml(Messages.commands().get("results with meta")))
        .containsSubsequence(
            "<Results><CmdID>20</CmdID><MsgRef>2</MsgRef><CmdRef>1</CmdRef><Meta>",
            "</Meta><TargetRef>./DevInfo</TargetRef><SourceRef>./DevInfo</SourceRef><Item>");
    assertThat(xml(Messages.commands().get("exec with correlator and data")))
        .containsSubsequence(
            "<Exec><CmdID>7</CmdID><Meta>", "</Meta><Correlator>corr-42</Correlator><Item>");
  }

  @Test
  void item_children_follow_the_dtd_and_text_is_escaped() {
    String x =
        xml(
            Messages.commands().get("large object chunk"),
            Messages.commands().get("add of a leaf and an interior node"));

    assertThat(x)
        .containsSubsequence(
            "<Item><Target>", "</Target><Meta>", "</Meta><Data>QUJD", "</Data><MoreData/></Item>")
        .contains("<Add><CmdID>3</CmdID><NoResp/><Meta>")
        .contains("<Data>Ümlaut &amp; &lt;markup&gt; \"q\" 'a'\ttab</Data>")
        .contains("<RespURI>https://dm.example.com/dm?sid=abc&amp;x=1</RespURI>");
  }

  @Test
  void empty_elements_go_without_the_content_bit_in_wbxml() {
    Command noResp =
        new Alert("1", true, Alert.NEXT_MESSAGE, java.util.Optional.empty(), List.of());

    assertThat(tokens(noResp)).isEqualTo("464b033100011d4f03313232320001" + "01");
    assertThat(wbxmlHex()).endsWith("6b120101");
    assertThat(tokens(Messages.commands().get("large object chunk"))).endsWith("3401" + "01");
    assertThat(
            tokens(
                ItemCommand.of(
                    CommandName.ADD, "1", Item.target("./a", Meta.EMPTY, ItemData.text("")))))
        .isEqualTo(
            "454b03310001" + "546e570" + "3" + "2e2f610001" + "01" + "1a" + "0f" + "01" + "01");
  }

  @Test
  void text_goes_inline_and_opaque_data_as_opaque() {
    byte[] raw = {0, 1, 2, (byte) 0xFF};
    Command replace =
        ItemCommand.of(
            CommandName.REPLACE, "1", Item.target("./b", Meta.EMPTY, ItemData.opaque(raw)));

    assertThat(tokens(replace)).contains("4f" + "c3" + "04" + "000102ff" + "01");
    assertThat(tokens(Messages.commands().get("get")))
        .contains(
            "57"
                + "03"
                + HexFormat.of().formatHex("./DevInfo/Mod".getBytes(StandardCharsets.US_ASCII))
                + "00"
                + "01");
  }

  @Test
  void metinf_elements_switch_to_page_1_and_the_next_syncml_tag_back() {
    String hex = tokens(Messages.commands().get("replace with empty data"));

    assertThat(hex)
        .contains(
            "5a"
                + "0001"
                + "47"
                + "03"
                + HexFormat.of().formatHex("chr".getBytes(StandardCharsets.US_ASCII))
                + "0001")
        .contains("01" + "0000" + "0f");
  }

  @Test
  void an_embedded_mgmt_tree_is_child_elements_in_xml_and_an_opaque_ddf_document_in_wbxml() {
    Command add = Messages.commands().get("embedded mgmt tree");
    String fpi =
        HexFormat.of().formatHex("-//OMA//DTD-DM-DDF 1.2//EN".getBytes(StandardCharsets.US_ASCII));

    assertThat(xml(add)).contains("<Data>" + Messages.MGMT_TREE + "</Data>");
    assertThat(tokens(add))
        .contains("4f" + "c3")
        .contains(
            "02"
                + "00"
                + "00"
                + "6a"
                + "1b"
                + fpi
                + "00"
                + "0002"
                + "60"
                + "77"
                + "03"
                + "312e3200"
                + "01"
                + "64")
        .contains("5c" + "0b" + "01");
  }

  @Test
  void markup_is_normalised_when_written() {
    Command indented =
        ItemCommand.of(
            CommandName.ADD,
            "1",
            Item.target(
                "./V",
                Meta.EMPTY,
                new ItemData.Markup(
                    "<MgmtTree xmlns='syncml:dmddf1.2'>\n  <VerDTD>1.2</VerDTD>\n  <Node>"
                        + "<NodeName>V</NodeName><Value></Value></Node>\n</MgmtTree>")));

    assertThat(xml(indented))
        .contains(
            "<Data><MgmtTree xmlns=\"syncml:dmddf1.2\"><VerDTD>1.2</VerDTD><Node>"
                + "<NodeName>V</NodeName><Value/></Node></MgmtTree></Data>");
  }

  @Test
  void values_an_encoding_cannot_carry_are_refused_when_encoding() {
    Command nul = ItemCommand.of(CommandName.REPLACE, "1", Messages.leaf("./a", "a\0b"));
    Command control = ItemCommand.of(CommandName.REPLACE, "1", Messages.leaf("./a", "a\u0001b"));
    Command binary =
        ItemCommand.of(
            CommandName.REPLACE,
            "1",
            Item.target("./a", Meta.EMPTY, ItemData.opaque(new byte[] {(byte) 0xFF})));
    Command foreignMarkup =
        ItemCommand.of(
            CommandName.REPLACE,
            "1",
            Item.target("./a", Meta.EMPTY, new ItemData.Markup("<x:a xmlns:x='urn:x'/>")));
    Command brokenMarkup =
        ItemCommand.of(
            CommandName.REPLACE, "1", Item.target("./a", Meta.EMPTY, new ItemData.Markup("<a>")));

    assertThatThrownBy(() -> codec.encodedSize(nul, Encoding.WBXML))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> codec.encodedSize(control, Encoding.XML))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> codec.encodedSize(binary, Encoding.XML))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> codec.encodedSize(foreignMarkup, Encoding.WBXML))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> codec.encodedSize(brokenMarkup, Encoding.XML))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(codec.encodedSize(binary, Encoding.WBXML)).isPositive();
  }
}
