package io.dmagent.server.delegation;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.server.ServerLog;
import io.dmagent.server.http.HttpAnswer;
import io.dmagent.server.http.HttpCall;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The delegate's side of the exchange, one request at a time: what it accepts and refuses. */
class DelegationDeskTest {
  private static final byte[] KEY = "a key srvA and srvB share".getBytes(StandardCharsets.UTF_8);
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final URI ADDRESS = URI.create("http://127.0.0.1:9/dm");

  private final List<String> lines = new ArrayList<>();
  private final DelegationDesk desk =
      new DelegationDesk(
          "srvB",
          Map.of("srvA", new GrantSeal(KEY)),
          Clock.fixed(NOW, ZoneOffset.UTC),
          ServerLog.of(lines::add, lines::add));

  private static DelegationGrant grant(String id, Optional<Instant> expires) {
    return DelegationGrant.partial(
        id, "srvA", "srvB", "dev-1", List.of("./Vendor/ACME", "./Vendor/Other"), expires);
  }

  private HttpAnswer post(String body) {
    return desk.handle(
        new HttpCall("POST", "/dm/delegation", Map.of(), body.getBytes(StandardCharsets.UTF_8)),
        ADDRESS);
  }

  private static String text(HttpAnswer a) {
    return new String(a.body(), StandardCharsets.UTF_8);
  }

  @Test
  void a_sealed_grant_is_accepted_and_answered_with_the_delegates_address() {
    DelegationGrant g = grant("d1", Optional.empty());

    HttpAnswer a = post(new GrantSeal(KEY).seal(g));

    assertThat(a.status()).isEqualTo(200);
    assertThat(text(a)).contains("serverId=srvB").contains("address=" + ADDRESS);
    assertThat(desk.inForce("dev-1")).containsExactly(g);
    assertThat(desk.inForce("dev-2")).isEmpty();
  }

  @Test
  void the_canonical_text_reads_back_as_the_same_grant() {
    DelegationGrant g = grant("d1", Optional.of(NOW.plusSeconds(60)));

    assertThat(DelegationGrant.parse(g.format())).isEqualTo(g);
    assertThat(g.deviceDocument(ADDRESS))
        .isEqualTo(
            "id=d1\ndelegate=srvB\nmode=partial\nsubtree=./Vendor/ACME\nsubtree=./Vendor/Other\n"
                + "expires=2026-03-01T10:01:00Z\naddress=http://127.0.0.1:9/dm\n");
  }

  @Test
  void a_grant_id_in_use_is_refused_with_409() {
    post(new GrantSeal(KEY).seal(grant("d1", Optional.empty())));

    assertThat(post(new GrantSeal(KEY).seal(grant("d1", Optional.empty()))).status())
        .isEqualTo(409);
  }

  @Test
  void a_sealed_but_malformed_grant_is_refused_with_400() {
    String bad = "action=grant\nid=bad id\ndelegator=srvA\n";
    String sealed =
        new GrantSeal(KEY).seal(grant("d1", Optional.empty())).replace("id=d1", "id=bad id");

    assertThat(post(bad).status()).isEqualTo(403); // no seal at all
    assertThat(post(sealed).status()).isEqualTo(403); // seal no longer matches
    assertThat(post(resealed("action=grant\nid=bad id\ndelegator=srvA\n")).status()).isEqualTo(400);
  }

  /** A body signed correctly over text that is not a grant. */
  private static String resealed(String text) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(KEY, "HmacSHA256"));
      return text
          + "signature="
          + java.util.Base64.getEncoder()
              .encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)))
          + "\n";
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void oversized_bodies_and_other_methods_are_refused() {
    assertThat(post("x".repeat(DelegationDesk.MAX_BODY + 1)).status()).isEqualTo(413);
    assertThat(
            desk.handle(new HttpCall("GET", "/dm/delegation", Map.of(), new byte[0]), ADDRESS)
                .status())
        .isEqualTo(405);
  }

  @Test
  void an_expired_grant_is_no_longer_in_force_and_a_revocation_ends_one() {
    post(new GrantSeal(KEY).seal(grant("old", Optional.of(NOW.minusSeconds(1)))));
    DelegationGrant live = grant("live", Optional.empty());
    post(new GrantSeal(KEY).seal(live));
    assertThat(desk.inForce("dev-1")).containsExactly(live);

    assertThat(post(new GrantSeal(KEY).seal(live.revocation())).status()).isEqualTo(200);

    assertThat(desk.inForce("dev-1")).isEmpty();
  }

  @Test
  void a_revoked_grant_posted_again_stays_revoked() {
    DelegationGrant g = grant("d1", Optional.empty());
    String sealed = new GrantSeal(KEY).seal(g);
    post(sealed);
    post(new GrantSeal(KEY).seal(g.revocation()));

    assertThat(post(sealed).status()).isEqualTo(409);
    assertThat(desk.inForce("dev-1")).isEmpty();
  }

  @Test
  void refusals_leave_one_line_each_and_never_the_key_or_the_body() {
    post(new GrantSeal("another key of sixteen".getBytes()).seal(grant("d1", Optional.empty())));
    post("garbage");

    assertThat(lines).hasSize(2).noneMatch(l -> l.contains("signature=") || l.contains("garbage"));
    assertThat(new GrantSeal(KEY).toString()).doesNotContain(new String(KEY));
  }
}
