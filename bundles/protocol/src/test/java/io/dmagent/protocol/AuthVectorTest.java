package io.dmagent.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.message.Credential;
import io.dmagent.api.message.Locator;
import io.dmagent.api.message.Meta;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncHeader;
import io.dmagent.api.security.Nonces;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.TreeOperations;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The credentials the engine's authenticator builds from a DMAcc account, against the spec's
 * examples (digest 3.2) and the verified libdmclient capture (server {@code funambol}, secret
 * {@code srvpwd}, empty nonce).
 */
class AuthVectorTest {
  @TempDir Path dir;
  private Fixture f;

  @BeforeEach
  void setUp() throws Exception {
    f = new Fixture(dir);
  }

  private void appAuth(String level, String type, String name, String secret, byte[] nonce)
      throws DmException {
    TreeOperations ops = f.device();
    String acc = "./DMAcc/" + Fixture.SERVER;
    for (String n : new String[] {"./DMAcc", acc, acc + "/AppAuth", acc + "/AppAuth/" + level}) {
      if (!f.exists(n)) {
        ops.addInterior(NodeUri.of(n), null);
      }
    }
    String e = acc + "/AppAuth/" + level + "/";
    ops.addLeaf(NodeUri.of(e + "AAuthLevel"), NodeValue.text(level));
    ops.addLeaf(NodeUri.of(e + "AAuthType"), NodeValue.text(type));
    ops.addLeaf(NodeUri.of(e + "AAuthName"), NodeValue.text(name));
    ops.addLeaf(NodeUri.of(e + "AAuthSecret"), NodeValue.text(secret));
    ops.addLeaf(
        NodeUri.of(e + "AAuthData"),
        NodeValue.of(nonce, NodeFormat.BIN, "application/octet-stream"));
  }

  private Authenticator.Exchange open() {
    return new TreeAuthenticator(f.accounts, 3, f.log::add).open(f.account);
  }

  private static SyncHeader serverHeader(Optional<Credential> cred) {
    return new SyncHeader(
        SyncHeader.VER_DTD,
        SyncHeader.DM_1_2,
        "1",
        "1",
        Locator.of(Fixture.DEV_ID),
        Locator.of("funambol"),
        Optional.empty(),
        cred,
        Optional.empty());
  }

  @Test
  void basic_is_the_spec_example() throws Exception {
    appAuth("CLCRED", "BASIC", "Bruce2", "OhBehave", new byte[0]);

    Credential cred = open().credential().orElseThrow();

    assertThat(cred.meta().type()).contains("syncml:auth-basic");
    assertThat(cred.meta().format()).contains("b64");
    assertThat(cred.data()).isEqualTo("QnJ1Y2UyOk9oQmVoYXZl");
  }

  @Test
  void md5_is_the_spec_example_over_the_stored_nonce() throws Exception {
    appAuth("CLCRED", "DIGEST", "Bruce2", "OhBehave", "Nonce".getBytes(StandardCharsets.US_ASCII));

    Authenticator.Exchange auth = open();

    assertThat(auth.credential().orElseThrow().data()).isEqualTo("Zz6EivR3yeaaENcRN6lpAQ==");
    assertThat(auth.userName()).contains("Bruce2");
  }

  @Test
  void the_libdmclient_server_credential_is_accepted_with_212_and_a_fresh_nonce() throws Exception {
    appAuth("SRVCRED", "DIGEST", "funambol", "srvpwd", new byte[0]);
    Credential captured =
        new Credential(Meta.of("b64", "syncml:auth-md5"), "Lx7CSZp0iHRedCEbryGJuw==");

    Authenticator.Check check = open().verify(serverHeader(Optional.of(captured)));

    assertThat(check.code()).isEqualTo(212);
    String next = check.challenge().get().orElseThrow().meta().nextNonce().orElseThrow();
    assertThat(Nonces.decode(next)).hasSize(16);
    assertThat(
            f.device()
                .get(NodeUri.of("./DMAcc/srv1/AppAuth/SRVCRED/AAuthData"))
                .value()
                .orElseThrow()
                .data())
        .isEqualTo(Nonces.decode(next));
  }

  @Test
  void a_server_credential_replayed_after_the_nonce_rotated_gets_401() throws Exception {
    appAuth("SRVCRED", "DIGEST", "funambol", "srvpwd", new byte[0]);
    Credential captured =
        new Credential(Meta.of("b64", "syncml:auth-md5"), "Lx7CSZp0iHRedCEbryGJuw==");
    assertThat(open().verify(serverHeader(Optional.of(captured))).code()).isEqualTo(212);

    Authenticator.Check replay = open().verify(serverHeader(Optional.of(captured)));

    assertThat(replay.code()).isEqualTo(401);
    assertThat(replay.challenge().get().orElseThrow().meta().type()).contains("syncml:auth-md5");
    assertThat(f.log).noneMatch(l -> l.contains("srvpwd") || l.contains("Lx7CSZp0"));
  }

  @Test
  void a_server_without_credentials_gets_407_with_a_challenge() throws Exception {
    appAuth("SRVCRED", "DIGEST", "funambol", "srvpwd", new byte[0]);

    Authenticator.Check check = open().verify(serverHeader(Optional.empty()));

    assertThat(check.code()).isEqualTo(407);
    assertThat(check.challenge().get().orElseThrow().meta().nextNonce()).isPresent();
  }

  @Test
  void a_challenge_takes_its_nonce_and_restarts_until_the_bound() throws Exception {
    appAuth("CLCRED", "DIGEST", "Bruce2", "OhBehave", new byte[0]);
    Authenticator.Exchange auth = open();
    Status challenge =
        new Status(
            "1",
            "1",
            "0",
            Status.SYNC_HDR,
            java.util.List.of(),
            java.util.List.of(),
            Optional.empty(),
            Optional.of(
                new io.dmagent.api.message.Challenge(
                    Meta.of("b64", "syncml:auth-md5")
                        .withNextNonce(
                            Nonces.encode("Nonce".getBytes(StandardCharsets.US_ASCII))))),
            401,
            java.util.List.of());

    assertThat(auth.accept(challenge)).isEqualTo(Authenticator.Verdict.RESTART);
    assertThat(auth.credential().orElseThrow().data()).isEqualTo("Zz6EivR3yeaaENcRN6lpAQ==");
    assertThat(auth.accept(challenge)).isEqualTo(Authenticator.Verdict.RESTART);
    assertThat(auth.accept(challenge)).isEqualTo(Authenticator.Verdict.GIVE_UP);
    assertThat(f.log)
        .filteredOn(l -> l.contains("3 times"))
        .singleElement()
        .asString()
        .doesNotContain("OhBehave");
  }

  @Test
  void a_challenge_asking_for_basic_instead_of_md5_is_refused() throws Exception {
    appAuth("CLCRED", "DIGEST", "Bruce2", "OhBehave", new byte[0]);
    Status downgrade =
        new Status(
            "1",
            "1",
            "0",
            Status.SYNC_HDR,
            java.util.List.of(),
            java.util.List.of(),
            Optional.empty(),
            Optional.of(new io.dmagent.api.message.Challenge(Meta.of("b64", "syncml:auth-basic"))),
            401,
            java.util.List.of());

    assertThat(open().accept(downgrade)).isEqualTo(Authenticator.Verdict.GIVE_UP);
  }

  private static Status challenge(String metaType) {
    return new Status(
        "1",
        "1",
        "0",
        Status.SYNC_HDR,
        java.util.List.of(),
        java.util.List.of(),
        Optional.empty(),
        Optional.of(
            new io.dmagent.api.message.Challenge(
                Meta.of("b64", metaType).withNextNonce(Nonces.encode(new byte[] {1, 2, 3})))),
        401,
        java.util.List.of());
  }

  @Test
  void a_challenge_asking_for_a_digest_instead_of_hmac_is_refused() throws Exception {
    appAuth("CLCRED", "HMAC", "Bruce2", "OhBehave", new byte[0]);

    assertThat(open().accept(challenge("syncml:auth-md5")))
        .isEqualTo(Authenticator.Verdict.GIVE_UP);
    assertThat(f.log).anyMatch(l -> l.contains("refused as a downgrade"));
  }

  @Test
  void a_challenge_asking_for_md5_instead_of_sha256_is_refused() throws Exception {
    appAuth("CLCRED", "DIGEST-SHA256", "Bruce2", "OhBehave", new byte[0]);

    assertThat(open().accept(challenge("syncml:auth-md5")))
        .isEqualTo(Authenticator.Verdict.GIVE_UP);
  }

  @Test
  void a_challenge_asking_for_more_than_the_account_uses_is_followed() throws Exception {
    appAuth("CLCRED", "DIGEST", "Bruce2", "OhBehave", new byte[0]);
    Authenticator.Exchange auth = open();

    assertThat(auth.accept(challenge("syncml:auth-MAC"))).isEqualTo(Authenticator.Verdict.RESTART);
    assertThat(auth.credential()).isEmpty();
    assertThat(auth.headers("<SyncML/>".getBytes(StandardCharsets.UTF_8)))
        .containsKey("x-syncml-hmac");
  }
}
