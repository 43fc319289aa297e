package io.dmagent.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Our DM 1.3 layout: options, their order, the configurable digest place and option split. */
class Dm13LayoutTest {
  private final List<String> log = new ArrayList<>();

  private Notification decode(Dm13Settings s, byte[] b) throws MalformedNotification {
    return new Dm13Layout(s, log::add).decode(b);
  }

  @Test
  void every_option_round_trips_through_the_layout() throws Exception {
    byte[] b =
        new Package0Encoder()
            .uiMode(3)
            .sessionId(0xBEEF)
            .option(Dm13Layout.SERVER_ID, "srv.example")
            .option(Dm13Layout.TARGETED_MO, new byte[] {0x27})
            .option(Dm13Layout.REQUESTED_MO, new byte[] {0x00, 0x01})
            .option(Dm13Layout.REQUESTED_MO, new byte[] {0x7F})
            .option(Dm13Layout.PREFERRED_BEARER, new byte[] {2})
            .option(Dm13Layout.CONNECT_REASON, "firmware ready")
            .option(Dm13Layout.VENDOR_INFO, new byte[] {1, 2, 3})
            .option(Dm13Layout.EXPIRY, ByteBuffer.allocate(4).putInt(2_000_000_000).array())
            .dm13("srv.example", "s", new byte[0], true);

    Notification n = decode(Dm13Settings.DEFAULTS, b);

    assertThat(n.version()).isEqualTo(13);
    assertThat(n.uiMode()).isEqualTo(UiMode.USER_INTERACTION);
    assertThat(n.serverInitiated()).isTrue();
    assertThat(n.sessionIdHex()).isEqualTo("BEEF");
    assertThat(n.serverId()).isEqualTo("srv.example");
    assertThat(n.requestedMos())
        .containsExactly("urn:oma:mo:oma-dm-devinfo:1.0", "urn:oma:mo:oma-mgmtpolicymo:1.0");
    assertThat(n.connectReason()).contains("firmware ready");
    assertThat(n.expiry()).contains(Instant.ofEpochSecond(2_000_000_000));
    assertThat(log).anyMatch(l -> l.contains("urn:oma:mo:oma-fumo:1.0"));
  }

  @Test
  void unknown_options_and_mo_indexes_are_skipped() throws Exception {
    byte[] b =
        new Package0Encoder()
            .option(Dm13Layout.SERVER_ID, "srv")
            .option(Dm13Layout.REQUESTED_MO, new byte[] {0x55})
            .option(9, new byte[] {1, 2})
            .option(15, new byte[0])
            .dm13("srv", "s", new byte[0], true);

    Notification n = decode(Dm13Settings.DEFAULTS, b);

    assertThat(n.serverId()).isEqualTo("srv");
    assertThat(n.requestedMos()).isEmpty();
    assertThat(log).anyMatch(l -> l.contains("option 9 unknown"));
    assertThat(log).anyMatch(l -> l.contains("index 85 unknown"));
  }

  @Test
  void options_out_of_ascending_order_are_malformed() {
    byte[] b =
        new Package0Encoder()
            .option(Dm13Layout.CONNECT_REASON, "why")
            .option(Dm13Layout.SERVER_ID, "srv")
            .dm13("srv", "s", new byte[0], true);

    assertThatThrownBy(() -> decode(Dm13Settings.DEFAULTS, b))
        .isInstanceOf(MalformedNotification.class)
        .hasMessageContaining("ascending");
  }

  @Test
  void a_notification_without_server_id_is_malformed() {
    byte[] b = new Package0Encoder().option(5, "why").dm13("srv", "s", new byte[0], true);

    assertThatThrownBy(() -> decode(Dm13Settings.DEFAULTS, b))
        .isInstanceOf(MalformedNotification.class)
        .hasMessageContaining("Server-ID");
  }

  @Test
  void digest_last_is_read_from_the_end_when_configured() throws Exception {
    Package0Encoder e = new Package0Encoder().option(Dm13Layout.SERVER_ID, "srv");
    byte[] last = e.dm13("srv", "s", new byte[0], false);

    Notification n = decode(new Dm13Settings(false, 4), last);

    assertThat(n.serverId()).isEqualTo("srv");
    assertThat(n.digest())
        .isEqualTo(java.util.Arrays.copyOfRange(last, last.length - 16, last.length));
    assertThatThrownBy(() -> decode(Dm13Settings.DEFAULTS, last))
        .isInstanceOf(MalformedNotification.class);
  }

  @Test
  void option_header_split_follows_the_configuration() throws Exception {
    byte[] b =
        new Package0Encoder()
            .numberBits(5)
            .option(Dm13Layout.SERVER_ID, "srv")
            .option(Dm13Layout.CONNECT_REASON, "r")
            .dm13("srv", "s", new byte[0], true);

    Notification n = decode(new Dm13Settings(true, 5), b);

    assertThat(n.serverId()).isEqualTo("srv");
    assertThat(n.connectReason()).contains("r");
  }

  @Test
  void garbled_text_in_server_id_is_malformed() {
    byte[] b =
        new Package0Encoder()
            .option(Dm13Layout.SERVER_ID, new byte[] {(byte) 0xC3, 0x28})
            .dm13("x", "s", new byte[0], true);

    assertThatThrownBy(() -> decode(Dm13Settings.DEFAULTS, b))
        .isInstanceOf(MalformedNotification.class)
        .hasMessageContaining("UTF-8");
  }
}
