package io.dmagent.codec.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.Alert;
import io.dmagent.api.message.CommandName;
import io.dmagent.api.message.ItemCommand;
import io.dmagent.api.message.ItemData;
import io.dmagent.api.message.Locator;
import io.dmagent.api.message.MessageFormatException;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncHeader;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.message.UnsupportedCommand;
import io.dmagent.codec.testing.Vectors;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Messages written by other DM implementations (shared/vectors: AOSP's server packages, Funambol's
 * replays, libdmclient's captures, libwbxml's samples) decode to the model their content says.
 */
class VectorDecodingTest {
  private static final int ANY_SIZE = 1 << 20;
  private final SyncMlCodec codec = new SyncMlCodec();

  static SyncMessage decode(String vector) throws MessageFormatException {
    return decodeBytes(vector, Vectors.shared(vector));
  }

  private static SyncMessage decodeBytes(String vector, byte[] bytes)
      throws MessageFormatException {
    Encoding encoding = vector.endsWith(".wbxml") ? Encoding.WBXML : Encoding.XML;
    return new SyncMlCodec().decode(bytes, encoding, ANY_SIZE);
  }

  /** WBXML vectors beside the XML that wbxml2xml made of them (or their originals). */
  static Stream<String[]> wbxmlWithTheirXml() {
    return Stream.of(
        pair("aosp-omadm/test/dm12/testadd"),
        pair("aosp-omadm/test/dm12/testget"),
        pair("aosp-omadm/test/dm12/testdelete"),
        pair("aosp-omadm/test/dm12/testreplace"),
        pair("aosp-omadm/test/dm12/expected_response_testadd"),
        pair("aosp-omadm/test/dm12/expected_response_testget"),
        pair("aosp-omadm/test/dm12/expected_response_testdelete"),
        pair("aosp-omadm/test/dm12/expected_response_testreplace"),
        pair("aosp-omadm/test/dm11/testadd"),
        pair("aosp-omadm/test/dm11/testget"),
        pair("aosp-omadm/test/dm11/testdelete"),
        pair("aosp-omadm/test/dm11/testreplace"),
        pair("libdmclient-captures/cap_wbxml/client_pkg_1"),
        pair("libdmclient-captures/cap_wbxml/client_pkg_2"),
        pair("libdmclient-captures/cap_wbxml/client_pkg_3"),
        new String[] {
          "libdmclient-captures/server_replays_used/replay_wbxml/r1.wbxml",
          "libdmclient-captures/server_replays_used/replay_wbxml/r1.xml"
        },
        new String[] {
          "libdmclient-captures/server_replays_used/replay_wbxml/r2.wbxml",
          "libdmclient-captures/server_replays_used/replay_wbxml/r2.xml"
        },
        new String[] {
          "libdmclient-captures/server_replays_used/replay_wbxml/r3.wbxml",
          "libdmclient-captures/server_replays_used/replay_wbxml/r3.xml"
        },
        new String[] {"libwbxml-derived/syncml-012.wbxml", "libwbxml/syncml/syncml-012.xml"},
        new String[] {
          "libwbxml-derived/syncml_with_ddf-001.wbxml", "libwbxml/ddf/syncml_with_ddf-001.xml"
        });
  }

  private static String[] pair(String base) {
    return new String[] {base + ".wbxml", base + ".decoded.xml"};
  }

  @ParameterizedTest
  @MethodSource("wbxmlWithTheirXml")
  void a_wbxml_vector_decodes_to_the_model_of_its_xml_form(String wbxml, String xml)
      throws Exception {
    SyncMessage fromWbxml = decode(wbxml);

    assertThat(Comparable.textual(fromWbxml)).isEqualTo(Comparable.textual(decode(xml)));
    assertThat(fromWbxml.commands()).isNotEmpty();
  }

  /** Every XML message of the vectors; libwbxml's are SyncML 1.1 data sync, DM ones included. */
  static Stream<String> xmlMessages() {
    return Stream.of(
        "aosp-omadm/test/dm12/testalertconfirm.xml",
        "aosp-omadm/test/dm12/testalertconfirmatomic.xml",
        "aosp-omadm/test/dm12/testalertdisplay.xml",
        "aosp-omadm/test/dm12/testalertmultiplechoice.xml",
        "aosp-omadm/test/dm12/testalertsinglechoice.xml",
        "aosp-omadm/test/dm12/testalerttextinput.xml",
        "aosp-omadm/test/dm12/testexecscript.xml",
        "aosp-omadm/test/dm12/testexecscript2.xml",
        "aosp-omadm/test/dm12/testgetscript.xml",
        "aosp-omadm/test/dm12/testnewdatatype.xml",
        "aosp-omadm/test/dm11/testalertconfirm.xml",
        "aosp-omadm/test/dm11/testalertconfirmatomic.xml",
        "aosp-omadm/test/dm11/testalertdisplay.xml",
        "aosp-omadm/test/dm11/testalertmultiplechoice.xml",
        "aosp-omadm/test/dm11/testalertsinglechoice.xml",
        "aosp-omadm/test/dm11/testalerttextinput.xml",
        "aosp-omadm/test/dm11/testexecscript.xml",
        "aosp-omadm/test/dm11/testexecscript2.xml",
        "aosp-omadm/test/dm11/testgetscript.xml",
        "funambol-replays/test_server_replay_1.xml",
        "funambol-replays/test_server_replay_2.xml",
        "funambol-replays/test_server_replay_3.xml",
        "libdmclient-captures/cap_xml/client_pkg_1.xml",
        "libdmclient-captures/cap_xml/client_pkg_2.xml",
        "libdmclient-captures/cap_xml/client_pkg_3.xml",
        "libdmclient-captures/cap_md5/client_pkg_1.xml",
        "libdmclient-captures/cap_md5/client_pkg_2.xml",
        "libdmclient-captures/cap_md5/client_pkg_3.xml",
        "libdmclient-captures/server_replays_used/replay_md5/r1.xml",
        "libdmclient-captures/server_replays_used/replay_md5/r2.xml",
        "libdmclient-captures/server_replays_used/replay_md5/r3.xml",
        "libdmclient-captures/vs_webos_server_xml/01_client.xml",
        "libdmclient-captures/vs_webos_server_xml/01_server.xml",
        "libdmclient-captures/vs_webos_server_xml/02_client.xml",
        "libdmclient-captures/vs_webos_server_xml/02_server.xml",
        "libwbxml/ddf/syncml_with_ddf-001.xml",
        "libwbxml/syncml/syncml-001.xml",
        "libwbxml/syncml/syncml-002.xml",
        "libwbxml/syncml/syncml-003.xml",
        "libwbxml/syncml/syncml-004.xml",
        "libwbxml/syncml/syncml-005.xml",
        "libwbxml/syncml/syncml-006.xml",
        "libwbxml/syncml/syncml-007.xml",
        "libwbxml/syncml/syncml-008.xml",
        "libwbxml/syncml/syncml-009.xml",
        "libwbxml/syncml/syncml-010.xml",
        "libwbxml/syncml/syncml-012.xml");
  }

  @ParameterizedTest
  @MethodSource("xmlMessages")
  void a_real_xml_message_decodes(String vector) throws Exception {
    SyncMessage m = decode(vector);

    assertThat(m.header().verDtd()).isIn("1.1", "1.2");
    assertThat(m.commands()).isNotEmpty();
  }

  @Test
  void the_aosp_get_package_decodes_to_its_header_statuses_and_get() throws Exception {
    SyncMessage m = decode("aosp-omadm/test/dm12/testget.wbxml");

    SyncHeader h = m.header();
    assertThat(h.verDtd()).isEqualTo("1.2");
    assertThat(h.verProto()).isEqualTo("DM/1.2");
    assertThat(h.sessionId()).isEqualTo("22100");
    assertThat(h.msgId()).isEqualTo("1");
    assertThat(h.target()).isEqualTo(Locator.of("000000011234564"));
    assertThat(h.source()).isEqualTo(Locator.of("http://10.72.34.217:80/Manage"));
    assertThat(h.respUri()).contains("http://10.72.34.217/Scts?0JTIAA==");
    assertThat(h.cred().orElseThrow().meta().type()).contains("syncml:auth-basic");
    assertThat(h.cred().orElseThrow().meta().format()).contains("b64");
    assertThat(h.cred().orElseThrow().data()).isEqualTo("U2N0czpTYW1wbGVDbGllbnQ=");
    assertThat(h.meta().orElseThrow().maxMsgSize()).hasValue(3500);
    assertThat(m.commands())
        .containsExactly(
            new Status(
                "1",
                "1",
                "0",
                "SyncHdr",
                List.of("http://10.72.34.217:80/Manage"),
                List.of("000000011234564"),
                Optional.empty(),
                Optional.empty(),
                212,
                List.of()),
            Status.of("2", "1", "1", "Alert", 200),
            Status.of("3", "1", "2", "Replace", 200),
            ItemCommand.of(
                CommandName.GET,
                "4",
                io.dmagent.api.message.Item.target("./DevDetail/URI/MaxDepth")));
    assertThat(m.isFinal()).isTrue();
  }

  @Test
  void the_aosp_add_package_adds_an_interior_node_with_empty_data() throws Exception {
    SyncMessage m = decode("aosp-omadm/test/dm12/testadd.wbxml");

    ItemCommand add = (ItemCommand) m.commands().get(3);
    assertThat(add.name()).isEqualTo(CommandName.ADD);
    assertThat(add.cmdId()).isEqualTo("4");
    assertThat(add.items()).hasSize(1);
    assertThat(add.items().get(0).targetUri()).contains("./TestLeafNode");
    assertThat(add.items().get(0).meta().orElseThrow().format()).contains("node");
    assertThat(add.items().get(0).data()).contains(ItemData.text(""));
    assertThat(m.header().sessionId()).isEqualTo("30483");
  }

  @Test
  void the_aosp_delete_package_deletes_two_nodes() throws Exception {
    SyncMessage m = decode("aosp-omadm/test/dm12/testdelete.wbxml");

    assertThat(m.commands().subList(3, 5))
        .extracting(c -> ((ItemCommand) c).items().get(0).targetUri().orElseThrow())
        .containsExactly("./TestLeafNode", "./TestLeaf");
    assertThat(m.commands().subList(3, 5))
        .extracting(c -> ((ItemCommand) c).name())
        .containsOnly(CommandName.DELETE);
  }

  @Test
  void the_funambol_server_package_has_nine_gets_and_a_display_alert() throws Exception {
    SyncMessage m = decode("funambol-replays/test_server_replay_2.xml");

    assertThat(m.header().respUri())
        .contains("http://localhost:8080/funambol/dm?sid=W0JANjIwNTI5MzQtMTQ1NjMwMTE2MzYyNQ");
    assertThat(m.header().cred().orElseThrow().meta().type()).contains("syncml:auth-md5");
    assertThat(m.commands()).hasSize(11);
    assertThat(((Status) m.commands().get(0)).code()).isEqualTo(212);
    assertThat(m.commands().subList(1, 10))
        .extracting(c -> ((ItemCommand) c).items().get(0).targetUri().orElseThrow())
        .containsExactly(
            "./DevInfo/Man",
            "./DevInfo/Mod",
            "./DevDetail/DevTyp",
            "./DevDetail/OEM",
            "./DevInfo/Lang",
            "./DevDetail/FwV",
            "./DevDetail/SwV",
            "./DevDetail/HwV",
            "./DevInfo/DmV");
    Alert display = (Alert) m.commands().get(10);
    assertThat(display.code()).isEqualTo(Alert.DISPLAY);
    assertThat(display.items())
        .extracting(i -> i.data().orElseThrow().text())
        .containsExactly("MINDT=5&MAXDT=15", "Funambol DM Demo");
    assertThat(m.isFinal()).isTrue();
  }

  @Test
  void libdmclients_first_package_carries_alert_1201_and_its_devinfo() throws Exception {
    SyncMessage m = decode("libdmclient-captures/cap_xml/client_pkg_1.xml");

    assertThat(m.header().source()).isEqualTo(Locator.of("DMCtest"));
    assertThat(m.header().meta().orElseThrow().maxMsgSize()).hasValue(16384);
    assertThat(((Alert) m.commands().get(0)).code()).isEqualTo(Alert.CLIENT_INITIATED_MGMT);
    ItemCommand replace = (ItemCommand) m.commands().get(1);
    assertThat(replace.name()).isEqualTo(CommandName.REPLACE);
    assertThat(replace.items()).hasSize(13);
    assertThat(replace.items().get(12).sourceUri()).contains("./DevInfo/Mod");
    assertThat(replace.items().get(12).data()).contains(ItemData.text("test model"));
    assertThat(replace.items().get(12).meta().orElseThrow().type()).contains("text/plain");
  }

  @ParameterizedTest
  @CsvSource({"libwbxml/syncml/syncml-012.xml", "libwbxml-derived/syncml-012.wbxml"})
  void libwbxmls_dm_11_account_package_adds_a_dmacc_with_its_values(String vector)
      throws Exception {
    SyncMessage m = decode(vector);

    assertThat(m.header().verProto()).isEqualTo("DM/1.1");
    assertThat(m.header().target()).isEqualTo(Locator.of("My_SyncML_DM_Device"));
    ItemCommand add = (ItemCommand) m.commands().get(0);
    assertThat(add.name()).isEqualTo(CommandName.ADD);
    assertThat(add.items())
        .extracting(i -> i.targetUri().orElseThrow())
        .containsExactly(
            "./SyncML/DMAcc/UltimateManagement",
            "./SyncML/DMAcc/UltimateManagement/Addr",
            "./SyncML/Con/My_ISP",
            "./SyncML/Con/My_ISP/PX/Addr");
    assertThat(add.items().get(0).meta().orElseThrow().format()).contains("node");
    assertThat(add.items().get(1).data().orElseThrow().text())
        .isEqualTo("www.TheUltimateManagementServer.com");
    assertThat(add.items().get(2).data()).isEmpty();
  }

  @Test
  void libdmclients_wbxml_package_has_a_numeric_public_id_and_every_value_as_opaque()
      throws Exception {
    byte[] bytes = Vectors.shared("libdmclient-captures/cap_wbxml/client_pkg_1.wbxml");
    SyncMessage m = decode("libdmclient-captures/cap_wbxml/client_pkg_1.wbxml");

    assertThat(java.util.Arrays.copyOf(bytes, 3)).containsExactly(0x02, 0xA4, 0x01);
    ItemCommand replace = (ItemCommand) m.commands().get(1);
    assertThat(replace.items().get(12).sourceUri()).contains("./DevInfo/Mod");
    assertThat(replace.items().get(12).data())
        .contains(ItemData.opaque("test model".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(m.header().cred().orElseThrow().data()).isEqualTo("ZnVuYW1ib2w6ZnVuYW1ib2w=");
  }

  @Test
  void the_server_replay_libdmclient_ran_against_in_wbxml_asks_for_nine_leaves() throws Exception {
    SyncMessage m = decode("libdmclient-captures/server_replays_used/replay_wbxml/r2.wbxml");

    assertThat(m.header().sessionId()).isEqualTo("1");
    assertThat(m.header().msgId()).isEqualTo("2");
    assertThat(m.commands())
        .filteredOn(c -> c instanceof ItemCommand)
        .extracting(c -> ((ItemCommand) c).items().get(0).targetUri().orElseThrow())
        .containsExactly(
            "./DevInfo/Man",
            "./DevInfo/Mod",
            "./DevDetail/DevTyp",
            "./DevDetail/OEM",
            "./DevInfo/Lang",
            "./DevDetail/FwV",
            "./DevDetail/SwV",
            "./DevDetail/HwV",
            "./DevInfo/DmV");
  }

  /** libwbxml's samples also hold a DevInf document and two SyncBody fragments without header. */
  @ParameterizedTest
  @CsvSource({
    "libwbxml/syncml/syncml-011.xml, the root element is not <SyncML>",
    "libwbxml/syncml/syncml-013.xml, <CmdID> missing in SyncML/SyncBody/Sync",
    "libwbxml/syncml/syncml-014.xml, <CmdID> missing in SyncML/SyncBody/Sync"
  })
  void a_sample_that_is_no_message_is_refused_with_the_reason(String vector, String reason) {
    byte[] sample = Vectors.shared(vector); // read first: a missing vector skips, never passes
    MessageFormatException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            MessageFormatException.class, () -> decodeBytes(vector, sample));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).isEqualTo(reason);
  }

  @Test
  void a_data_sync_command_is_an_unsupported_command() throws Exception {
    SyncMessage m = decode("libwbxml/ddf/syncml_with_ddf-001.xml");

    assertThat(m.commands()).hasAtLeastOneElementOfType(UnsupportedCommand.class);
  }
}
