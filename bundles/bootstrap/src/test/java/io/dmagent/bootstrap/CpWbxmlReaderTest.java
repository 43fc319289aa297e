package io.dmagent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Our PROV 1.0 WBXML reader on documents built byte by byte. */
class CpWbxmlReaderTest {
  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  /** Version 1.3, public id PROV 1.0, UTF-8, then the string table. */
  private static ByteArrayOutputStream header(byte[] table) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(hex("030B6A"));
    out.write(table.length); // one-octet mb_u_int32: tables below 128 bytes here
    out.writeBytes(table);
    return out;
  }

  @Test
  void an_application_with_inline_and_table_strings_is_read() throws Exception {
    ByteArrayOutputStream doc = header("acme\0".getBytes());
    // <wap-provisioningdoc><characteristic type=APPLICATION (page 1)>
    doc.writeBytes(hex("45 C6 00 01 55 01"));
    // <parm name=APPID value="w7"/>, <parm name=PROVIDER-ID value=STR_T 0/>
    doc.writeBytes(hex("87 36 00 00 06 03 773700 01"));
    doc.writeBytes(hex("87 00 01 38 00 00 06 83 00 01"));
    doc.writeBytes(hex("01 01"));

    CpDocument d = CpWbxmlReader.read(doc.toByteArray());

    assertThat(d.characteristics()).hasSize(1);
    assertThat(d.characteristics().get(0).type()).isEqualTo("APPLICATION");
    assertThat(d.characteristics().get(0).parm("APPID")).contains("w7");
    assertThat(d.characteristics().get(0).parm("PROVIDER-ID")).contains("acme");
  }

  @Test
  void references_that_expand_far_beyond_the_input_are_refused() {
    ByteArrayOutputStream doc = header("x".repeat(100).concat("\0").getBytes());
    doc.writeBytes(hex("45 C6 00 01 55 01"));
    for (int i = 0; i < 400; i++) {
      doc.writeBytes(hex("87 00 00 07 06 83 00 83 00 83 00 83 00 01"));
    }
    doc.writeBytes(hex("01 01"));

    assertThatThrownBy(() -> CpWbxmlReader.read(doc.toByteArray()))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("expand");
  }

  @Test
  void a_literal_tag_and_a_table_reference_outside_the_table_are_refused() {
    ByteArrayOutputStream literal = header(new byte[0]);
    literal.writeBytes(hex("45 44 00 01 01"));
    ByteArrayOutputStream outside = header("ab\0".getBytes());
    outside.writeBytes(hex("45 C6 00 01 55 01 87 36 00 00 06 83 10 01 01 01"));

    assertThatThrownBy(() -> CpWbxmlReader.read(literal.toByteArray())).isInstanceOf(Refusal.class);
    assertThatThrownBy(() -> CpWbxmlReader.read(outside.toByteArray()))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("outside the table");
  }
}
