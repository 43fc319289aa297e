package io.dmagent.itest.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.session.SessionOutcome;
import io.dmagent.api.testing.MutableClock;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.Principal;
import io.dmagent.authority.AuthorityObject;
import io.dmagent.codec.message.SyncMlCodec;
import io.dmagent.server.DmServer;
import io.dmagent.server.ServerLog;
import io.dmagent.server.SessionRecord;
import io.dmagent.server.delegation.DelegationGrant;
import io.dmagent.server.delegation.GrantSeal;
import io.dmagent.server.script.Script;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several management authorities on one gateway (DM-HLF-017, 018, 019): two reference servers, srvA
 * owning ./Vendor/ACME and srvB owning nothing there, talk to the same real agent over loopback
 * HTTP. Each is confined to what the ACLs give its ServerID; srvB gains srvA's rights only by a
 * delegation srvA sends, and loses them when srvA revokes it.
 */
class SeveralAuthoritiesTest {
  private static final String ACME_ACL = "Add=srvA&Delete=srvA&Get=srvA&Replace=srvA";

  private static final byte[] PEER_KEY =
      "a key srvA and srvB share".getBytes(java.nio.charset.StandardCharsets.UTF_8);
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(T0);
  private DmServer a;
  private DmServer b;
  private Agent agent;
  private AuthorityObject authority;

  @BeforeEach
  void start() throws Exception {
    a = server("srvA");
    b = server("srvB");
    agent = Agent.in(dir).connectedTo(a.uri(), "srvA").using(Encoding.XML).start();
    authority = new AuthorityObject(agent.tree, agent.accounts, clock, agent.log::add);
    agent.tree.graft(authority);
    agent
        .tree
        .operations(Principal.device())
        .addLeaf(NodeUri.of("./Vendor/ACME/Interval"), io.dmagent.api.tree.NodeValue.text("60"));
    agent
        .tree
        .operations(Principal.device())
        .replaceProperty(NodeUri.of("./Vendor/ACME"), NodeProperty.ACL, ACME_ACL);
  }

  private DmServer server(String serverId) throws Exception {
    return DmServer.builder(new SyncMlCodec())
        .serverId(serverId)
        .clock(clock)
        .peer(serverId.equals("srvA") ? "srvB" : "srvA", PEER_KEY)
        .log(ServerLog.silent())
        .defaultScript(Script.parse("none", ""))
        .start();
  }

  @AfterEach
  void stop() throws Exception {
    authority.close();
    agent.close();
    a.close();
    b.close();
  }

  /** A session with {@code server}: {@code script} queued, or what the server queued (null). */
  private SessionRecord run(DmServer server, String script) throws Exception {
    if (script != null) {
      server.queue(Agent.DEV_ID, Script.parse("t", script));
    }
    assertThat(agent.session(server.serverId(), server.uri()).outcome())
        .isEqualTo(SessionOutcome.COMPLETED);
    return server.device(Agent.DEV_ID).orElseThrow().lastSession().orElseThrow();
  }

  private static int status(SessionRecord s, String element, String target) {
    return s.command(element, target).orElseThrow().status().orElseThrow();
  }

  private String acmeAcl() throws Exception {
    return agent
        .tree
        .operations(Principal.device())
        .getProperty(NodeUri.of("./Vendor/ACME"), NodeProperty.ACL)
        .value();
  }

  @Test
  void server_b_can_neither_read_nor_write_server_as_subtree() throws Exception {
    SessionRecord s =
        run(
            b,
            """
            get ./Vendor/ACME/Interval
            replace ./Vendor/ACME/Interval int 5
            add ./Vendor/ACME/Extra chr x
            delete ./Vendor/ACME/Interval
            get ./DevInfo/DevId
            """);

    assertThat(status(s, "Get", "./Vendor/ACME/Interval")).isEqualTo(425);
    assertThat(status(s, "Replace", "./Vendor/ACME/Interval")).isEqualTo(425);
    assertThat(status(s, "Add", "./Vendor/ACME/Extra")).isEqualTo(425);
    assertThat(status(s, "Delete", "./Vendor/ACME/Interval")).isEqualTo(425);
    assertThat(status(s, "Get", "./DevInfo/DevId")).isEqualTo(200);
    assertThat(agent.value("./Vendor/ACME/Interval")).contains("60");
    assertThat(agent.value("./Vendor/ACME/Extra")).isEmpty();

    SessionRecord owner = run(a, "replace ./Vendor/ACME/Interval int 5");
    assertThat(status(owner, "Replace", "./Vendor/ACME/Interval")).isEqualTo(200);
  }

  @Test
  void a_second_server_cannot_take_over_a_subtree_without_delegation() throws Exception {
    SessionRecord s =
        run(
            b,
            """
            replace ./Vendor/ACME?prop=ACL chr Add=srvB&Delete=srvB&Get=srvB&Replace=srvB
            exec ./Vendor/DMAgent/Authority/Delegate id=grab\\ndelegate=srvB\\nmode=partial\\nsubtree=./Vendor/ACME
            exec ./Vendor/DMAgent/Authority/Delegate id=grab\\ndelegate=srvC\\nmode=full\\naddress=http://c/dm
            replace ./Vendor/ACME/Interval int 5
            """);

    assertThat(status(s, "Replace", "./Vendor/ACME?prop=ACL")).isEqualTo(425);
    // Naming itself as delegate is malformed (400); passing on rights it does not hold, 425.
    assertThat(s.commands("Exec"))
        .extracting(c -> c.status().orElseThrow())
        .containsExactly(400, 425);
    assertThat(status(s, "Replace", "./Vendor/ACME/Interval")).isEqualTo(425);
    assertThat(acmeAcl()).isEqualTo(ACME_ACL);
    assertThat(agent.value("./Vendor/ACME/Interval")).contains("60");
    assertThat(authority.delegations().records()).isEmpty();
  }

  @Test
  void after_a_delegation_server_b_manages_the_subtree_and_after_revocation_it_cannot()
      throws Exception {
    SessionRecord granted =
        run(
            a,
            "exec ./Vendor/DMAgent/Authority/Delegate id=d1\\ndelegate=srvB\\nmode=partial"
                + "\\nsubtree=./Vendor/ACME\\naddress="
                + b.uri());
    assertThat(status(granted, "Exec", "./Vendor/DMAgent/Authority/Delegate")).isEqualTo(200);

    SessionRecord managed = run(b, "replace ./Vendor/ACME/Interval int 30");
    assertThat(status(managed, "Replace", "./Vendor/ACME/Interval")).isEqualTo(200);
    assertThat(agent.value("./Vendor/ACME/Interval")).contains("30");
    assertThat(agent.value("./DMAcc/srvB/AppAddr/1/Addr")).contains(b.uri().toString());

    run(a, "exec ./Vendor/DMAgent/Authority/Revoke d1");

    SessionRecord refused = run(b, "replace ./Vendor/ACME/Interval int 45");
    assertThat(status(refused, "Replace", "./Vendor/ACME/Interval")).isEqualTo(425);
    assertThat(agent.value("./Vendor/ACME/Interval")).contains("30");
    assertThat(acmeAcl()).isEqualTo(ACME_ACL);
  }

  @Test
  void a_lower_priority_server_is_refused_where_a_higher_priority_one_wrote_last()
      throws Exception {
    agent.tree.guard(
        new io.dmagent.authority.PriorityGuard(
            agent.tree, new String[] {"srvA=10", "srvB=5"}, agent.log::add));
    agent
        .tree
        .operations(Principal.device())
        .replaceProperty(
            NodeUri.of("./Vendor/ACME"),
            NodeProperty.ACL,
            "Add=srvA+srvB&Delete=srvA+srvB&Get=*&Replace=srvA+srvB");
    run(a, "replace ./Vendor/ACME/Interval int 10");

    SessionRecord s =
        run(b, "replace ./Vendor/ACME/Interval int 99\nadd ./Vendor/ACME/Own chr mine");

    assertThat(status(s, "Replace", "./Vendor/ACME/Interval")).isEqualTo(403);
    assertThat(status(s, "Add", "./Vendor/ACME/Own")).isEqualTo(200);
    assertThat(agent.value("./Vendor/ACME/Interval")).contains("10");
  }

  // ---- the server-to-server exchange: srvA hands srvB a sealed grant, then tells the device

  private DelegationGrant acmeGrant(Optional<Instant> expires) {
    return DelegationGrant.partial(
        "x1", "srvA", "srvB", Agent.DEV_ID, List.of("./Vendor/ACME"), expires);
  }

  @Test
  void after_the_exchange_server_b_manages_the_subtree_until_server_a_revokes() throws Exception {
    DelegationGrant grant = acmeGrant(Optional.empty());

    a.delegate(grant, b.delegationUri());
    assertThat(b.delegationsFor(Agent.DEV_ID)).containsExactly(grant);
    SessionRecord applied = run(a, null);
    assertThat(status(applied, "Exec", "./Vendor/DMAgent/Authority/Delegate")).isEqualTo(200);

    SessionRecord managed = run(b, "replace ./Vendor/ACME/Interval int 30");
    assertThat(status(managed, "Replace", "./Vendor/ACME/Interval")).isEqualTo(200);
    assertThat(agent.value("./DMAcc/srvB/AppAddr/1/Addr")).contains(b.uri().toString());

    a.revoke(grant, b.delegationUri());
    assertThat(b.delegationsFor(Agent.DEV_ID)).isEmpty();
    SessionRecord revoked = run(a, null);
    assertThat(status(revoked, "Exec", "./Vendor/DMAgent/Authority/Revoke")).isEqualTo(200);

    SessionRecord refused = run(b, "replace ./Vendor/ACME/Interval int 45");
    assertThat(status(refused, "Replace", "./Vendor/ACME/Interval")).isEqualTo(425);
    assertThat(acmeAcl()).isEqualTo(ACME_ACL);
  }

  @Test
  void after_a_temporary_delegation_expires_server_b_cannot_manage_the_subtree() throws Exception {
    a.delegate(acmeGrant(Optional.of(T0.plus(Duration.ofHours(1)))), b.delegationUri());
    run(a, null);
    assertThat(
            status(
                run(b, "replace ./Vendor/ACME/Interval int 30"),
                "Replace",
                "./Vendor/ACME/Interval"))
        .isEqualTo(200);

    clock.advance(Duration.ofHours(2));
    authority.delegations().expireDue(); // the component's scheduler's tick

    assertThat(b.delegationsFor(Agent.DEV_ID)).isEmpty();
    assertThat(
            status(
                run(b, "replace ./Vendor/ACME/Interval int 45"),
                "Replace",
                "./Vendor/ACME/Interval"))
        .isEqualTo(425);
    assertThat(acmeAcl()).isEqualTo(ACME_ACL);
  }

  @Test
  void a_grant_with_a_bad_seal_or_from_a_stranger_is_refused_by_the_peer() throws Exception {
    DelegationGrant grant = acmeGrant(Optional.empty());
    String forged = new GrantSeal("not the key srvA and srvB share".getBytes()).seal(grant);
    String tampered =
        new GrantSeal(PEER_KEY).seal(grant).replace("./Vendor/ACME", "./Vendor/Other");
    String stranger =
        new GrantSeal(PEER_KEY)
            .seal(DelegationGrant.full("x2", "srvC", "srvB", Agent.DEV_ID, Optional.empty()));
    String elsewhere =
        new GrantSeal(PEER_KEY)
            .seal(DelegationGrant.full("x3", "srvA", "srvC", Agent.DEV_ID, Optional.empty()));

    assertThat(post(forged)).isEqualTo(403);
    assertThat(post(tampered)).isEqualTo(403);
    assertThat(post(stranger)).isEqualTo(403);
    assertThat(post(elsewhere)).isEqualTo(403);
    assertThat(post("garbage")).isEqualTo(403);
    assertThat(b.delegationsFor(Agent.DEV_ID)).isEmpty();
  }

  @Test
  void a_peer_that_refuses_leaves_nothing_queued_for_the_device() throws Exception {
    DelegationGrant toStranger =
        DelegationGrant.full("x4", "srvA", "srvB", Agent.DEV_ID, Optional.empty());
    try (DmServer c = server("srvC")) { // srvC is not the delegate the grant names
      assertThatThrownBy(() -> a.delegate(toStranger, c.delegationUri()))
          .isInstanceOf(java.io.IOException.class)
          .hasMessageContaining("403");
    }

    SessionRecord s = run(a, null);
    assertThat(s.commands()).isEmpty();
    assertThat(authority.delegations().records()).isEmpty();
  }

  private int post(String body) throws Exception {
    java.net.http.HttpResponse<String> r =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(b.delegationUri())
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    return r.statusCode();
  }
}
