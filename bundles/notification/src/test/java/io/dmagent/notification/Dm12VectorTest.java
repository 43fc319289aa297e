package io.dmagent.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.push.PushOutcome;
import io.dmagent.api.push.PushVerdict;
import io.dmagent.api.security.SyncmlDigest;
import io.dmagent.api.testing.ThirdPartyVectors;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real DM 1.2 notifications (buteo-syncml) and the derived example of protocol-wire.md §4.4. */
class Dm12VectorTest {
  private static final String BUTEO_SERVER = "PC Suite Data Sync";

  @ParameterizedTest
  @ValueSource(strings = {"SAN01.bin", "SAN02.bin"})
  void buteo_notification_decodes_as_its_readme_says(String file) throws Exception {
    Notification n = Dm12Layout.decode(ThirdPartyVectors.bytes("buteo-syncml/" + file));

    assertThat(n.version()).isEqualTo(12);
    assertThat(n.uiMode()).isEqualTo(UiMode.BACKGROUND);
    assertThat(n.serverId()).isEqualTo(BUTEO_SERVER);
    assertThat(n.sessionIdHex()).isEqualTo("0");
    assertThat(n.digest())
        .isEqualTo(SyncmlDigest.notification(BUTEO_SERVER, "", new byte[0], n.covered()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"SAN01.bin", "SAN02.bin"})
  void buteo_notification_starts_a_session_with_empty_password_and_nonce(String file) {
    Receivers r = new Receivers();
    r.accounts.add(BUTEO_SERVER, "", new byte[0]);

    PushVerdict v =
        r.build().receive(Receivers.dm12(ThirdPartyVectors.bytes("buteo-syncml/" + file)));

    assertThat(v.outcome()).isEqualTo(PushOutcome.ACCEPTED);
    assertThat(r.sessions.requests)
        .singleElement()
        .satisfies(s -> assertThat(s.notifiedSessionId()).contains("0"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"SAN01.bin", "SAN02.bin"})
  void flipping_any_byte_of_a_buteo_notification_fails_it(String file) {
    byte[] good = ThirdPartyVectors.bytes("buteo-syncml/" + file);
    for (int i = 0; i < good.length; i++) {
      for (int mask : new int[] {0x01, 0x80}) {
        byte[] bad = good.clone();
        bad[i] ^= (byte) mask;
        Receivers r = new Receivers();
        r.accounts.add(BUTEO_SERVER, "", new byte[0]);

        PushVerdict v = r.build().receive(Receivers.dm12(bad));

        assertThat(v.taken()).as("byte %d flipped with %02x: %s", i, mask, v).isFalse();
        assertThat(r.sessions.requests).isEmpty();
      }
    }
  }

  @Test
  void derived_example_of_the_wire_digest_has_its_published_digest() {
    byte[] trigger = trigger();

    byte[] digest = SyncmlDigest.notification("com.mgmtsrv.manage", "secret", new byte[4], trigger);

    assertThat(HexFormat.of().formatHex(digest)).isEqualTo("4e94c58c36a8c50aabcdbe0c296b2ba7");
  }

  @Test
  void derived_example_verifies_on_the_resynchronisation_nonce_and_package_1_uses_it() {
    byte[] body = concat(HexFormat.of().parseHex("4e94c58c36a8c50aabcdbe0c296b2ba7"), trigger());
    Receivers r = new Receivers();
    r.accounts.add("com.mgmtsrv.manage", "secret", new byte[] {1, 2, 3, 4, 5});

    PushVerdict v = r.build().receive(Receivers.dm12(body));

    assertThat(v.outcome()).isEqualTo(PushOutcome.ACCEPTED);
    assertThat(r.sessions.requests)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.serverId()).isEqualTo("com.mgmtsrv.manage");
              assertThat(s.notifiedSessionId()).isEqualTo(Optional.of("1234"));
            });
    assertThat(r.accounts.nonce("com.mgmtsrv.manage", "CLCRED")).containsExactly(0, 0, 0, 0);
    assertThat(r.log).anyMatch(l -> l.contains("resynchronisation nonce"));
  }

  @Test
  void a_digest_on_the_stored_nonce_leaves_the_client_nonce_alone() {
    byte[] nonce = {7, 7, 7};
    Receivers r = new Receivers();
    r.accounts.add("srv", "pw", nonce);
    byte[] body = new Package0Encoder().version(12).dm12("srv", "pw", nonce);

    assertThat(r.build().receive(Receivers.dm12(body)).outcome()).isEqualTo(PushOutcome.ACCEPTED);
    assertThat(r.accounts.nonce("srv", "CLCRED")).containsExactly(9, 9);
  }

  private static byte[] trigger() {
    return concat(
        HexFormat.of().parseHex("02D0000000123412"),
        "com.mgmtsrv.manage".getBytes(StandardCharsets.US_ASCII));
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
