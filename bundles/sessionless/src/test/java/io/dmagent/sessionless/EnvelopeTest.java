package io.dmagent.sessionless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.push.PushContentType;
import io.dmagent.api.security.DigestAlgorithm;
import io.dmagent.api.security.HmacHeader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvelopeTest {
  private static final byte[] MESSAGE = "<SyncML/>".getBytes(StandardCharsets.US_ASCII);

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void the_mac_is_the_x_syncml_hmac_formula_with_the_timestamp_as_nonce() {
    // Computed by hand from the formula: B64(MD5(B64(MD5("srv1:srvsecret")) ":" "1700000000000"
    // ":" B64(MD5("<SyncML/>")))), with B64(MD5("srv1:srvsecret")) = ffOxJrFMpS8XgGc1XvK71w== and
    // B64(MD5("<SyncML/>")) = p7fHQr43AfxW0tZLC6QiAA==.
    HmacHeader mac =
        HmacHeader.sign(
            DigestAlgorithm.MD5, "srv1", "srvsecret", Envelope.nonce(1700000000000L), MESSAGE);

    assertThat(mac.mac()).isEqualTo("n3QsMAqY06s53tEM+5kaVQ==");
  }

  @Test
  void writes_the_framing_lines_and_parses_them_back() throws Exception {
    HmacHeader mac = new HmacHeader(DigestAlgorithm.MD5, "srv1", "n3QsMAqY06s53tEM+5kaVQ==");
    Envelope e =
        new Envelope(mac, 1700000000000L, true, List.of(), PushContentType.DM_MESSAGE_XML, MESSAGE);

    byte[] wire = e.write();

    assertThat(new String(wire, StandardCharsets.US_ASCII))
        .isEqualTo(
            "x-syncml-hmac: algorithm=MD5, username=\"srv1\", mac=n3QsMAqY06s53tEM+5kaVQ==\r\n"
                + "x-dm-timestamp: 1700000000000\r\n"
                + "x-dm-report: outcome\r\n"
                + "Content-Type: application/vnd.syncml.dm+xml\r\n"
                + "\r\n"
                + "<SyncML/>");
    Envelope back = Envelope.parse(wire);
    assertThat(back).isEqualTo(e);
    assertThat(back.verifies("srvsecret")).isTrue();
    assertThat(back.verifies("other")).isFalse();
  }

  @Test
  void report_ids_go_in_one_line_in_order() throws Exception {
    HmacHeader mac = new HmacHeader(DigestAlgorithm.MD5, "gw42", "x");
    Envelope e =
        new Envelope(
            mac, 5L, false, List.of("7", "8", "9"), PushContentType.DM_MESSAGE_WBXML, MESSAGE);

    assertThat(new String(e.write(), StandardCharsets.US_ASCII))
        .contains("x-dm-report-ids: 7,8,9\r\n");
    assertThat(Envelope.parse(e.write()).reportIds()).containsExactly("7", "8", "9");
  }

  @Test
  void an_outcome_names_its_command_in_x_dm_outcome_of() throws Exception {
    HmacHeader mac = new HmacHeader(DigestAlgorithm.MD5, "gw42", "x");
    Envelope e =
        new Envelope(
            mac,
            5L,
            false,
            List.of("7"),
            PushContentType.DM_MESSAGE_XML,
            MESSAGE,
            Optional.of("18BCFE56800"));

    assertThat(new String(e.write(), StandardCharsets.US_ASCII))
        .contains("x-dm-report-ids: 7\r\nx-dm-outcome-of: 18BCFE56800\r\nContent-Type:");
    assertThat(Envelope.parse(e.write()).outcomeOf()).contains("18BCFE56800");
    assertThat(
            Envelope.parse(
                    new Envelope(mac, 5L, false, List.of("7"), e.contentType(), MESSAGE).write())
                .outcomeOf())
        .isEmpty();
  }

  @Test
  void a_sessionid_that_would_break_the_header_line_is_not_an_outcome_of() {
    assertThat(Envelope.isOutcomeOf("18BCFE56800")).isTrue();
    assertThat(Envelope.isOutcomeOf("")).isFalse();
    assertThat(Envelope.isOutcomeOf("1 2")).isFalse();
    assertThat(Envelope.isOutcomeOf("1\r\nx-dm-report-ids: 9")).isFalse();
    assertThat(Envelope.isOutcomeOf("\u00e9")).isFalse();
    assertThat(Envelope.isOutcomeOf("A".repeat(Envelope.MAX_OUTCOME_OF + 1))).isFalse();
    HmacHeader mac = new HmacHeader(DigestAlgorithm.MD5, "gw42", "x");
    assertThatThrownBy(
            () ->
                new Envelope(
                    mac,
                    5L,
                    false,
                    List.of("7"),
                    PushContentType.DM_MESSAGE_XML,
                    MESSAGE,
                    Optional.of("1\r\n")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_bare_dm_message_is_unsigned() {
    assertThatThrownBy(() -> Envelope.parse(ascii("<SyncML xmlns='SYNCML:SYNCML1.2'/>")))
        .isInstanceOf(Envelope.UnsignedException.class);
  }

  @Test
  void header_names_are_case_insensitive_and_bare_line_feeds_are_taken() throws Exception {
    Envelope e =
        Envelope.parse(
            ascii(
                "X-SyncML-HMAC: algorithm=MD5, username=\"srv1\", mac=abc\n"
                    + "X-DM-Timestamp: 42\n"
                    + "content-type: application/vnd.syncml.dm+wbxml\n\n"
                    + "body"));

    assertThat(e.timestamp()).isEqualTo(42);
    assertThat(e.contentType()).isEqualTo(PushContentType.DM_MESSAGE_WBXML);
    assertThat(e.message()).isEqualTo(ascii("body"));
  }

  @Test
  void envelopes_missing_what_the_framing_needs_are_malformed() {
    String hmac = "x-syncml-hmac: algorithm=MD5, username=\"srv1\", mac=abc\r\n";
    String type = "Content-Type: application/vnd.syncml.dm+xml\r\n";
    for (String bad :
        List.of(
            hmac + type + "\r\n<SyncML/>",
            hmac + "x-dm-timestamp: 12a\r\n" + type + "\r\n<SyncML/>",
            hmac + "x-dm-timestamp: 1\r\nContent-Type: text/plain\r\n\r\n<SyncML/>",
            hmac + "x-dm-timestamp: 1\r\n" + type + "\r\n",
            hmac + "x-dm-timestamp: 1\r\nx-dm-timestamp: 2\r\n" + type + "\r\n<SyncML/>",
            "x-syncml-hmac: username=\"srv1\"\r\nx-dm-timestamp: 1\r\n" + type + "\r\n<a/>",
            hmac + "x-dm-timestamp: 1\r\nx-evil: \u0001\r\n" + type + "\r\n<SyncML/>",
            hmac + "x-dm-timestamp: 1\r\nx-dm-outcome-of: 1 2\r\n" + type + "\r\n<SyncML/>",
            hmac
                + "x-pad: "
                + "a".repeat(Envelope.MAX_HEADER_BYTES)
                + "\r\n"
                + type
                + "\r\n<a/>")) {
      assertThatThrownBy(() -> Envelope.parse(bad.getBytes(StandardCharsets.ISO_8859_1)))
          .as(bad.length() > 200 ? bad.substring(0, 200) : bad)
          .isInstanceOf(Envelope.MalformedException.class);
    }
  }
}
