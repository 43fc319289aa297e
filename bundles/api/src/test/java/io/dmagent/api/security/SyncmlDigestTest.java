package io.dmagent.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.testing.ThirdPartyVectors;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.StatusCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SyncmlDigestTest {
  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void basic_matches_the_spec_example() {
    assertThat(SyncmlDigest.basic("Bruce2", "OhBehave")).isEqualTo("QnJ1Y2UyOk9oQmVoYXZl");
  }

  @Test
  void md5_digest_matches_the_spec_example() {
    assertThat(SyncmlDigest.digest(DigestAlgorithm.MD5, "Bruce2", "OhBehave", ascii("Nonce")))
        .isEqualTo("Zz6EivR3yeaaENcRN6lpAQ==");
  }

  @Test
  void md5_digest_matches_the_credential_a_funambol_server_sent_to_libdmclient() throws Exception {
    // The server package replayed to libdmclient, which accepted it with 212: id funambol, secret
    // srvpwd, no nonce.
    String expected = SyncmlDigest.digest(DigestAlgorithm.MD5, "funambol", "srvpwd", new byte[0]);

    Path replay =
        ThirdPartyVectors.path("libdmclient-captures/server_replays_used/replay_md5/r1.xml");
    assertThat(contains(replay, "<Data>" + expected + "</Data>")).isTrue();
    assertThat(expected).isEqualTo("Lx7CSZp0iHRedCEbryGJuw==");
  }

  private static boolean contains(Path f, String s) {
    try {
      return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(s);
    } catch (java.io.IOException e) {
      return false;
    }
  }

  @Test
  void hmac_matches_the_formula_over_the_exact_body_bytes() {
    assertThat(
            SyncmlDigest.hmac(
                DigestAlgorithm.MD5, "Bruce2", "OhBehave", ascii("Nonce"), ascii("<SyncML/>")))
        .isEqualTo("urdCeS3JUmjFgi8SX3webw==");
  }

  @Test
  void sha256_digest_uses_the_md5_formula_with_sha256() throws Exception {
    java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
    byte[] inner = Base64.getEncoder().encode(sha.digest(ascii("Bruce2:OhBehave")));
    sha.update(inner);
    sha.update(ascii(":Nonce"));
    String expected = Base64.getEncoder().encodeToString(sha.digest());

    assertThat(SyncmlDigest.digest(DigestAlgorithm.SHA256, "Bruce2", "OhBehave", ascii("Nonce")))
        .isEqualTo(expected);
  }

  @Test
  void a_tampered_body_fails_hmac_verification() {
    HmacHeader header =
        HmacHeader.sign(
            DigestAlgorithm.MD5, "dev123", "secret", ascii("n1"), ascii("<SyncML>a</SyncML>"));

    assertThat(header.verifies("secret", ascii("n1"), ascii("<SyncML>a</SyncML>"))).isTrue();
    assertThat(header.verifies("secret", ascii("n1"), ascii("<SyncML>b</SyncML>"))).isFalse();
    assertThat(header.verifies("secret", ascii("n2"), ascii("<SyncML>a</SyncML>"))).isFalse();
    assertThat(header.verifies("other", ascii("n1"), ascii("<SyncML>a</SyncML>"))).isFalse();
  }

  @Test
  void hmac_header_parses_in_any_order_with_md5_as_default() throws Exception {
    HmacHeader h = HmacHeader.parse(" mac=urdCeS3JUmjFgi8SX3webw== ,username=\"Bruce2\"");

    assertThat(h.algorithm()).isEqualTo(DigestAlgorithm.MD5);
    assertThat(h.username()).isEqualTo("Bruce2");
    assertThat(h.verifies("OhBehave", ascii("Nonce"), ascii("<SyncML/>"))).isTrue();
    assertThat(HmacHeader.parse(h.value())).isEqualTo(h);
  }

  @Test
  void a_malformed_hmac_header_is_an_authentication_failure() {
    for (String bad :
        new String[] {
          "", "username=\"x\"", "mac=abc", "algorithm=CRC32, username=\"x\", mac=a", "garbage"
        }) {
      assertThatThrownBy(() -> HmacHeader.parse(bad))
          .isInstanceOfSatisfying(
              DmException.class, e -> assertThat(e.status()).isEqualTo(StatusCode.UNAUTHORIZED));
    }
  }

  @Test
  void package0_digest_of_a_real_notification_verifies() throws Exception {
    // buteo-syncml SAN01.bin: server id "PC Suite Data Sync", empty password and nonce; digest =
    // first 16 bytes.
    byte[] msg = Files.readAllBytes(ThirdPartyVectors.path("buteo-syncml/SAN01.bin"));
    byte[] digest = java.util.Arrays.copyOfRange(msg, 0, 16);
    byte[] trigger = java.util.Arrays.copyOfRange(msg, 16, msg.length);

    assertThat(SyncmlDigest.notification("PC Suite Data Sync", "", new byte[0], trigger))
        .isEqualTo(digest);
  }
}
