package io.dmagent.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.session.SessionOutcome;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.Principal;
import io.dmagent.authority.AuthorityObject;
import io.dmagent.codec.message.SyncMlCodec;
import io.dmagent.server.DmServer;
import io.dmagent.server.ServerLog;
import io.dmagent.server.SessionRecord;
import io.dmagent.server.script.Script;
import io.dmagent.tree.AgentTree;
import java.nio.file.Path;
import java.time.Clock;
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

  @TempDir Path dir;
  private DmServer a;
  private DmServer b;
  private Agent agent;
  private AuthorityObject authority;

  @BeforeEach
  void start() throws Exception {
    a = server("srvA");
    b = server("srvB");
    agent = new Agent(dir, a.uri(), "srvA", Encoding.XML, 16384);
    authority = new AuthorityObject(agent.tree, Clock.systemUTC(), agent.log::add);
    AgentTree.graft(agent.tree, authority);
    agent
        .tree
        .operations(Principal.device())
        .addLeaf(NodeUri.of("./Vendor/ACME/Interval"), io.dmagent.api.tree.NodeValue.text("60"));
    agent
        .tree
        .operations(Principal.device())
        .replaceProperty(NodeUri.of("./Vendor/ACME"), NodeProperty.ACL, ACME_ACL);
  }

  private static DmServer server(String serverId) throws Exception {
    return DmServer.builder(new SyncMlCodec())
        .serverId(serverId)
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

  private SessionRecord run(DmServer server, String script) throws Exception {
    server.queue(Agent.DEV_ID, Script.parse("t", script));
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
}
