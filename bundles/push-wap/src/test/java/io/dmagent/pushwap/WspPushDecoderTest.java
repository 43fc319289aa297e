package io.dmagent.pushwap;

import static io.dmagent.pushwap.Pdus.concat;
import static io.dmagent.pushwap.Pdus.hex;
import static io.dmagent.pushwap.Pdus.pdu;
import static io.dmagent.pushwap.Pdus.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.push.PushContentType;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The WSP push PDU as WAP-230 encodes it, decoded octet by octet. */
class WspPushDecoderTest {
  private static final byte[] BODY = Pdus.specNotification();

  private static WspPush decode(byte[] pdu) throws MalformedPushException {
    return WspPushDecoder.decode(pdu, pdu.length);
  }

  private static void assertRefused(byte[] pdu, String reason) {
    assertThatThrownBy(() -> decode(pdu))
        .isInstanceOf(MalformedPushException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void the_specification_example_gives_a_dm12_notification_and_its_bytes() throws Exception {
    WspPush push = decode(Pdus.specPdu());

    assertThat(push.transactionId()).isEqualTo(0x01);
    assertThat(push.contentType()).isEqualTo(PushContentType.DM12_NOTIFICATION);
    assertThat(push.body()).isEqualTo(BODY);
  }

  @Test
  void content_type_0x58_is_the_dm13_notification() throws Exception {
    WspPush push = decode(pdu(hex("D8 AF 87"), BODY));

    assertThat(push.contentType()).isEqualTo(PushContentType.DM13_NOTIFICATION);
    assertThat(push.body()).isEqualTo(BODY);
  }

  @Test
  void dm_messages_in_either_encoding_are_taken_for_sessionless_commands() throws Exception {
    assertThat(decode(pdu(hex("C2 AF 87"), BODY)).contentType())
        .isEqualTo(PushContentType.DM_MESSAGE_WBXML);
    assertThat(decode(pdu(hex("C3 AF 87"), BODY)).contentType())
        .isEqualTo(PushContentType.DM_MESSAGE_XML);
  }

  @Test
  void a_text_content_type_and_a_text_application_id_are_taken() throws Exception {
    byte[] headers =
        concat(
            text("application/vnd.syncml.dm.notification"),
            hex("AF"),
            text("x-wap-application:syncml.dm"));

    WspPush push = decode(pdu(headers, BODY));

    assertThat(push.contentType()).isEqualTo(PushContentType.DM13_NOTIFICATION);
    assertThat(push.body()).isEqualTo(BODY);
  }

  @Test
  void the_general_form_of_a_content_type_with_a_parameter_is_taken() throws Exception {
    // Value-length 3: well-known 0x44, parameter Q (0x80) = 0x8A; then a long-integer app id.
    WspPush push = decode(pdu(hex("03 C4 80 8A AF 01 07"), BODY));

    assertThat(push.contentType()).isEqualTo(PushContentType.DM12_NOTIFICATION);
  }

  private static final String MAC = "4f2a9c00112233445566778899aabbccddeeff01";

  /** A general-form content type of {@code type} with SEC and MAC, in a quoted length. */
  private static byte[] signed(String type, String sec) {
    byte[] value = concat(hex(type + " 91 " + sec + " 92"), text(MAC));
    return concat(hex("1F"), new byte[] {(byte) value.length}, value);
  }

  @Test
  void the_sec_and_mac_of_a_signed_bootstrap_are_passed_on_as_mime_parameters() throws Exception {
    WspPush push = decode(pdu(concat(signed("C2", "80"), hex("AF 87")), BODY));

    assertThat(push.contentType()).isEqualTo(PushContentType.DM_MESSAGE_WBXML);
    assertThat(push.mimeType()).isEqualTo("application/vnd.syncml.dm+wbxml; SEC=0; MAC=" + MAC);
  }

  @Test
  void a_cp_document_is_taken_for_the_provisioning_agent_or_with_no_application_id()
      throws Exception {
    WspPush toProvisioning = decode(pdu(concat(signed("B6", "81"), hex("AF 82")), BODY));
    WspPush toNone = decode(pdu(signed("B6", "83"), BODY));

    assertThat(toProvisioning.mimeType())
        .isEqualTo("application/vnd.wap.connectivity-wbxml; SEC=1; MAC=" + MAC);
    assertThat(toNone.mimeType()).startsWith("application/vnd.wap.connectivity-wbxml; SEC=3");
    assertRefused(pdu(signed("C2", "80"), BODY), "no X-WAP-Application-Id");
    assertRefused(pdu(concat(signed("C2", "80"), hex("AF 82")), BODY), "is not syncml.dm");
  }

  @Test
  void a_mac_that_is_not_hexadecimal_is_refused() {
    byte[] value = concat(hex("C2 92"), text("00ff; SEC=9"));
    byte[] headers = concat(new byte[] {(byte) value.length}, value, hex("AF 87"));

    assertRefused(pdu(headers, BODY), "is not hexadecimal");
  }

  @Test
  void headers_of_every_encoding_before_the_application_id_are_skipped() throws Exception {
    byte[] headers =
        concat(
            hex("C4"),
            hex("A9"), // User-Agent: text
            text("gw/1.0"),
            hex("8D AA"), // Content-Length: short integer 42
            hex("B1 03 01 02 03"), // X-Wap-Initiator-URI with a short length value
            hex("B1 1F 02 00 00"), // and with a quoted length
            text("X-Custom"),
            text("v"), // an application header
            hex("7F 02 85 81"), // shift to page 2 and a header there
            hex("01"), // short-cut shift back to page 1
            hex("AF 87"));

    assertThat(decode(pdu(headers, BODY)).body()).isEqualTo(BODY);
  }

  @Test
  void the_application_id_on_another_code_page_is_not_the_dm_one() {
    assertRefused(pdu(hex("C4 7F 02 AF 87"), BODY), "no X-WAP-Application-Id");
  }

  @Test
  void a_pdu_as_kannel_wapbox_sends_it_is_decoded() throws Exception {
    // Captured from Kannel 1.4.5's PPG (PAP push to WAPPUSH=127.0.0.1/TYPE=IPv4): text content
    // type, User-Agent, X-Wap-Initiator-URI, application id, Content-Length, Encoding-Version 1.3.
    byte[] headers =
        concat(
            text("application/vnd.syncml.notification"),
            hex("A9"),
            text("Python-urllib/3.11"),
            hex("B1"),
            text("http://dm.example"),
            hex("AF 87 8D AA C3 93"));
    byte[] pdu = concat(hex("00 06 51"), headers, BODY);

    WspPush push = decode(pdu);

    assertThat(push.contentType()).isEqualTo(PushContentType.DM12_NOTIFICATION);
    assertThat(push.body()).isEqualTo(BODY);
  }

  @Test
  void a_headers_length_in_two_uintvar_octets_is_read() throws Exception {
    byte[] longValue = new byte[200];
    Arrays.fill(longValue, (byte) 'a');
    longValue[199] = 0;
    byte[] headers = concat(hex("C4 A9"), longValue, hex("AF 87"));
    int n = headers.length;
    byte[] pdu =
        concat(new byte[] {1, 6, (byte) (0x80 | (n >> 7)), (byte) (n & 0x7F)}, headers, BODY);

    assertThat(decode(pdu).body()).isEqualTo(BODY);
  }

  @Test
  void a_confirmed_push_is_refused_since_it_needs_a_session() {
    byte[] pdu = Pdus.specPdu();
    pdu[1] = 0x07;
    assertRefused(pdu, "confirmed push");
  }

  @Test
  void another_pdu_type_is_refused() {
    byte[] pdu = Pdus.specPdu();
    pdu[1] = 0x04;
    assertRefused(pdu, "PDU type 0x04 is not a push");
  }

  @Test
  void a_headers_length_beyond_the_datagram_is_refused() {
    assertRefused(concat(hex("01 06 7F C4 AF 87"), BODY), "goes beyond the datagram");
  }

  @Test
  void a_uintvar_of_six_octets_is_refused() {
    assertRefused(hex("01 06 81 81 81 81 81 01 C4 AF 87"), "longer than five octets");
  }

  @Test
  void a_uintvar_cut_by_the_end_of_the_datagram_is_refused() {
    assertRefused(hex("01 06 81 81"), "uintvar is cut short");
  }

  @Test
  void another_application_id_is_refused() {
    assertRefused(pdu(hex("C4 AF 82"), BODY), "0x2 is not syncml.dm");
    assertRefused(
        pdu(concat(hex("C4 AF"), text("x-wap-application:wml.ua")), BODY),
        "'x-wap-application:wml.ua' is not syncml.dm");
  }

  @Test
  void a_push_without_an_application_id_is_refused() {
    assertRefused(pdu(hex("C4 8D AA"), BODY), "no X-WAP-Application-Id");
  }

  @Test
  void an_unknown_content_type_is_refused() {
    assertRefused(pdu(hex("AE AF 87"), BODY), "content type 0x2E unknown");
    assertRefused(
        pdu(concat(text("text/vnd.wap.si"), hex("AF 87")), BODY), "'text/vnd.wap.si' unknown");
    assertRefused(pdu(hex("03 02 01 44 AF 87"), BODY), "content type 0x144 unknown");
  }

  @Test
  void a_text_without_its_end_in_the_headers_is_refused_and_quoted() {
    byte[] headers = concat(hex("C4 A9"), "evil\nline".getBytes(), hex("AF 87"));
    assertThatThrownBy(() -> decode(pdu(headers, BODY)))
        .hasMessageContaining("has no end within the headers")
        .hasMessageContaining("'evil\\nline")
        .hasMessageNotContaining("\n");
  }

  @Test
  void a_value_length_beyond_the_headers_is_refused() {
    assertRefused(pdu(hex("C4 B1 1E 00 AF 87"), BODY), "value length of 30 goes beyond");
  }

  @Test
  void a_header_starting_with_zero_is_refused() {
    assertRefused(pdu(hex("C4 00 AF 87"), BODY), "starts with 0x00");
  }

  @Test
  void a_datagram_too_short_for_a_pdu_is_refused() {
    assertRefused(hex("01 06 00"), "too short");
  }

  @Test
  void every_truncation_of_the_example_is_refused_or_a_shorter_body_never_an_error()
      throws Exception {
    byte[] pdu = Pdus.specPdu();
    for (int length = 0; length < 6; length++) {
      int n = length;
      assertThatThrownBy(() -> WspPushDecoder.decode(pdu, n))
          .isInstanceOf(MalformedPushException.class);
    }
    for (int length = 6; length <= pdu.length; length++) {
      assertThat(WspPushDecoder.decode(pdu, length).body()).hasSize(length - 6);
    }
  }
}
