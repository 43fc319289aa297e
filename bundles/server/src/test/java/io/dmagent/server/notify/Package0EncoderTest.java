package io.dmagent.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.testing.ThirdPartyVectors;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Package0EncoderTest {
  private static final HexFormat HEX = HexFormat.of();
  private final Package0Encoder encoder = new Package0Encoder(Package0Encoder.DigestPlace.FIRST);

  @Test
  void dm12_matches_the_derived_example_of_the_digest() {
    Notification n =
        Notification.of(11, UiMode.BACKGROUND, 0x1234, "com.mgmtsrv.manage")
            .withServerInitiated(false);

    byte[] bytes = encoder.encode(NotificationFormat.DM12, n, "secret", new byte[4]);

    assertThat(HEX.formatHex(bytes, 0, 16)).isEqualTo("4e94c58c36a8c50aabcdbe0c296b2ba7");
    assertThat(HEX.formatHex(bytes, 16, 24)).isEqualTo("02d0000000123412");
    assertThat(new String(bytes, 24, bytes.length - 24, StandardCharsets.US_ASCII))
        .isEqualTo("com.mgmtsrv.manage");
  }

  @Test
  void buteo_SAN01_re_encoded_from_its_fields_is_byte_identical() {
    assertReEncodes("buteo-syncml/SAN01.bin", "Contacts");
  }

  @Test
  void buteo_SAN02_re_encoded_from_its_fields_is_byte_identical() {
    assertReEncodes("buteo-syncml/SAN02.bin", "Calendar");
  }

  /**
   * The vectors' fields (README of buteo-syncml): version 12, user interaction 1 (background),
   * server-initiated, session 0, server "PC Suite Data Sync", empty password and nonce, and a
   * vendor part naming the data store.
   */
  private void assertReEncodes(String vector, String store) {
    byte[] expected = ThirdPartyVectors.bytes(vector);
    byte[] vendor = concat(HEX.parseHex("106000000008"), store.getBytes(StandardCharsets.US_ASCII));
    Notification n =
        Notification.of(12, UiMode.BACKGROUND, 0, "PC Suite Data Sync").withVendor(vendor);

    assertThat(encoder.encode(NotificationFormat.DM12, n, "", new byte[0])).isEqualTo(expected);
  }

  @Test
  void dm13_writes_header_word_then_options_in_ascending_number_digest_first() {
    Notification n =
        Notification.of(13, UiMode.INTERACTIVE, 0xBEEF, "srv")
            .withRequestedMos(List.of(0x0002, 0x0127))
            .withConnectReason(Optional.of("fw"))
            .withExpiry(Optional.of(Instant.ofEpochSecond(0x01020304L)));

    byte[] bytes = encoder.encode(NotificationFormat.DM13, n, "pw", new byte[] {1, 2});

    byte[] trigger = Arrays.copyOfRange(bytes, 16, bytes.length);
    assertThat(HEX.formatHex(trigger))
        .isEqualTo(
            // version 13, ui 3, initiator 1, reserved 0, session BEEF, 5 options
            "03780000"
                + "00beef05"
                + "1003"
                + HEX.formatHex("srv".getBytes(StandardCharsets.UTF_8))
                + "3001"
                + "02"
                + "3002"
                + "0127"
                + "5002"
                + HEX.formatHex("fw".getBytes(StandardCharsets.UTF_8))
                + "7004"
                + "01020304");
    assertThat(Arrays.copyOf(bytes, 16))
        .isEqualTo(NotificationDigest.of("srv", "pw", new byte[] {1, 2}, trigger));
  }

  @Test
  void dm13_digest_goes_last_when_so_configured() {
    Notification n = Notification.of(13, UiMode.BACKGROUND, 1, "srv");
    byte[] first = encoder.encode(NotificationFormat.DM13, n, "pw", new byte[0]);

    byte[] last =
        new Package0Encoder(Package0Encoder.DigestPlace.LAST)
            .encode(NotificationFormat.DM13, n, "pw", new byte[0]);

    assertThat(Arrays.copyOfRange(last, last.length - 16, last.length))
        .isEqualTo(Arrays.copyOf(first, 16));
    assertThat(Arrays.copyOf(last, last.length - 16))
        .isEqualTo(Arrays.copyOfRange(first, 16, first.length));
  }

  @Test
  void digest_changes_with_the_password() {
    Notification n = Notification.of(12, UiMode.BACKGROUND, 1, "srv");

    assertThat(encoder.encode(NotificationFormat.DM12, n, "a", new byte[0]))
        .isNotEqualTo(encoder.encode(NotificationFormat.DM12, n, "b", new byte[0]));
  }

  @Test
  void session_id_beyond_16_bits_is_refused() {
    assertThatThrownBy(() -> Notification.of(12, UiMode.BACKGROUND, 0x10000, "srv"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
