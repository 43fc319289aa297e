package io.dmagent.codec.description;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.description.TndsNode;
import io.dmagent.api.description.TndsTree;
import io.dmagent.api.tree.NodeFormat;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The WBXML we write, and the WBXML variants we read. */
class WbxmlFormTest {
  private final DdfTndsCodec codec = new DdfTndsCodec();

  @Test
  void the_table_has_the_56_tokens_of_code_page_2_in_spec_order() {
    String[] table = DdfTag.kxmlTable();

    assertThat(table).hasSize(0x3C - 0x05 + 1).doesNotContainNull();
    assertThat(table[0]).isEqualTo("AccessType");
    assertThat(table[0x15 - 5]).isEqualTo("DFFormat");
    assertThat(table[0x1C - 5]).isEqualTo("Format");
    assertThat(table[0x20 - 5]).isEqualTo("MgmtTree");
    assertThat(table[0x24 - 5]).isEqualTo("Node");
    assertThat(table[0x25 - 5]).isEqualTo("node");
    assertThat(table[0x28 - 5]).isEqualTo("Occurrence");
    assertThat(table[0x37 - 5]).isEqualTo("VerDTD");
    assertThat(table[0x3C - 5]).isEqualTo("ZeroOrOne");
    assertThat(Arrays.stream(table).distinct().count()).isEqualTo(table.length);
  }

  @Test
  void written_wbxml_is_version_1_2_utf8_with_the_dm_ddf_public_id_and_code_page_2()
      throws Exception {
    byte[] w = codec.writeDdf(RoundTripTest.everyDdfElement(), Encoding.WBXML);

    WbxmlHeader.Bytes in = new WbxmlHeader.Bytes(w);
    assertThat(in.next()).isEqualTo(0x02);
    assertThat(in.mbUint()).as("public id in the string table").isZero();
    int fpiIndex = in.mbUint();
    assertThat(in.mbUint()).as("charset").isEqualTo(106);
    int tableLength = in.mbUint();
    int table = in.position();
    String fpi = new String(w, table + fpiIndex, WbxmlHeader.FPI.length(), StandardCharsets.UTF_8);
    assertThat(fpi).isEqualTo("-//OMA//DTD-DM-DDF 1.2//EN");
    int body = table + tableLength;
    assertThat(Arrays.copyOfRange(w, body, body + 3))
        .as("SWITCH_PAGE 2, then MgmtTree with content")
        .containsExactly(0x00, 0x02, 0x60);
  }

  @Test
  void a_binary_value_is_opaque_with_format_bin_in_wbxml_and_base64_with_format_b64_in_xml()
      throws Exception {
    byte[] bytes = {0, (byte) 0xC3, 1, 2, (byte) 0xFF};
    TndsTree t = RoundTripTest.tree(RoundTripTest.leaf("blob", NodeFormat.BIN, bytes));

    byte[] wbxml = codec.writeTnds(t, Encoding.WBXML);
    String xml = new String(codec.writeTnds(t, Encoding.XML), StandardCharsets.UTF_8);

    byte[] opaqueValue = {
      (byte) (DdfTag.VALUE.token() | 0x40), (byte) 0xC3, 5, 0, (byte) 0xC3, 1, 2, (byte) 0xFF, 1
    };
    assertThat(indexOf(wbxml, opaqueValue)).isPositive();
    assertThat(indexOf(wbxml, new byte[] {(byte) (DdfTag.FORMAT.token() | 0x40), 0x09, 1}))
        .isPositive();
    assertThat(xml)
        .contains("<b64/>")
        .contains("<Value>" + Base64.getEncoder().encodeToString(bytes) + "</Value>");
  }

  @Test
  void reads_a_document_that_never_switches_to_page_2() throws Exception {
    byte[] doc =
        WbxmlDoc.ddf()
            .open(DdfTag.MGMT_TREE)
            .text(DdfTag.VER_DTD, "1.2")
            .open(DdfTag.NODE)
            .text(DdfTag.NODE_NAME, "A")
            .text(DdfTag.VALUE, "v")
            .end()
            .end()
            .build();

    assertThat(Models.text(codec.readTnds(doc, Encoding.WBXML).nodes().get(0))).isEqualTo("v");
  }

  @Test
  void text_made_of_inline_strings_table_strings_and_entities_is_joined_and_blanks_are_kept()
      throws Exception {
    byte[] doc =
        WbxmlDoc.ddf("tab")
            .mgmtTree()
            .open(DdfTag.NODE)
            .text(DdfTag.NODE_NAME, "A")
            .open(DdfTag.VALUE)
            .str("  ")
            .bytes(WbxmlDoc.STR_T, WbxmlHeader.FPI.length() + 1)
            .bytes(WbxmlDoc.ENTITY, 0x81, 0x69) // U+00E9
            .str(" ")
            .end()
            .end()
            .end()
            .build();

    TndsNode a = codec.readTnds(doc, Encoding.WBXML).nodes().get(0);

    assertThat(Models.text(a)).isEqualTo("  tab\u00e9 ");
  }

  @Test
  void a_value_of_white_space_only_is_not_dropped() throws Exception {
    byte[] doc =
        WbxmlDoc.ddf()
            .mgmtTree()
            .open(DdfTag.NODE)
            .text(DdfTag.NODE_NAME, "A")
            .text(DdfTag.VALUE, "   ")
            .end()
            .end()
            .build();

    assertThat(Models.text(codec.readTnds(doc, Encoding.WBXML).nodes().get(0))).isEqualTo("   ");
  }

  @Test
  void a_binary_value_may_come_as_base64_text_or_as_opaque_base64() throws Exception {
    byte[] bytes = {1, 2, 3, (byte) 0xFE};
    String b64 = Base64.getEncoder().encodeToString(bytes);

    assertThat(binaryValue(DdfTag.BIN, w -> w.text(DdfTag.VALUE, b64))).isEqualTo(bytes);
    assertThat(binaryValue(DdfTag.B64, w -> w.text(DdfTag.VALUE, b64))).isEqualTo(bytes);
    assertThat(
            binaryValue(
                DdfTag.B64,
                w -> w.open(DdfTag.VALUE).opaque(b64.getBytes(StandardCharsets.US_ASCII)).end()))
        .isEqualTo(bytes);
    assertThat(binaryValue(DdfTag.BIN, w -> w.open(DdfTag.VALUE).opaque(bytes).end()))
        .isEqualTo(bytes);
  }

  @Test
  void opaque_data_under_a_text_format_is_taken_as_is() throws Exception {
    byte[] doc =
        WbxmlDoc.ddf()
            .mgmtTree()
            .open(DdfTag.NODE)
            .text(DdfTag.NODE_NAME, "A")
            .open(DdfTag.VALUE)
            .opaque(new byte[] {'h', 'i', 0})
            .end()
            .end()
            .end()
            .build();

    assertThat(codec.readTnds(doc, Encoding.WBXML).nodes().get(0).value())
        .hasValueSatisfying(v -> assertThat(v).containsExactly('h', 'i', 0));
  }

  @Test
  void a_text_value_with_a_nul_goes_as_opaque_and_reads_back() throws Exception {
    byte[] value = {'a', 0, 'b'};
    TndsTree t = RoundTripTest.tree(RoundTripTest.leaf("nul", NodeFormat.CHR, value));

    TndsNode back =
        codec.readTnds(codec.writeTnds(t, Encoding.WBXML), Encoding.WBXML).nodes().get(0);

    assertThat(back.value()).hasValueSatisfying(v -> assertThat(v).isEqualTo(value));
  }

  private interface ValueWriter {
    void write(WbxmlDoc w);
  }

  private byte[] binaryValue(DdfTag format, ValueWriter value) throws Exception {
    WbxmlDoc w =
        WbxmlDoc.ddf()
            .mgmtTree()
            .open(DdfTag.NODE)
            .text(DdfTag.NODE_NAME, "A")
            .open(DdfTag.RT_PROPERTIES)
            .open(DdfTag.FORMAT)
            .empty(format)
            .end()
            .end();
    value.write(w);
    TndsNode a = codec.readTnds(w.end().end().build(), Encoding.WBXML).nodes().get(0);
    assertThat(a.format()).contains(NodeFormat.BIN);
    return a.value().orElseThrow();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    return -1;
  }
}
