package io.dmagent.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.ExecRequest;
import io.dmagent.api.tree.ExecResult;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.api.tree.TreeOperations;
import io.dmagent.codec.description.DdfTndsCodec;
import io.dmagent.tree.PlainTree;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The diagnostics MO on the real tree, stored on disk as on a gateway. */
class DiagnosticsTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");
  private static final Principal SERVER = Principal.server("acme-dm");

  @TempDir Path dir;
  private final List<String> log = new CopyOnWriteArrayList<>();
  private PlainTree tree;

  @BeforeEach
  void openTree() throws Exception {
    tree =
        PlainTree.onFile(dir.resolve("tree.mv.db")).codec(new DdfTndsCodec()).log(log::add).open();
    tree.operations(Principal.device())
        .addLeaf(NodeUri.of("./DevInfo/DevId"), NodeValue.text("urn:dev:ops:test-1"));
  }

  @AfterEach
  void closeTree() throws Exception {
    tree.close();
  }

  private DiagnosticsObject diagnostics(Path dataFolder) {
    DiagnosticsObject mo =
        new DiagnosticsObject(
            new SelfTest(tree, dataFolder, Clock.fixed(NOW, ZoneOffset.UTC), Runtime.getRuntime()),
            log::add);
    tree.graft(mo);
    return mo;
  }

  private String value(String uri) throws DmException {
    return tree.operations(Principal.device())
        .get(NodeUri.of(uri))
        .value()
        .map(NodeValue::text)
        .orElse(null);
  }

  @Test
  void the_self_test_passes_on_a_healthy_agent_and_leaves_its_report_in_the_tree()
      throws Exception {
    diagnostics(dir);
    new AccessGrant(tree, "*");

    ExecResult result =
        tree.operations(SERVER)
            .exec(NodeUri.of("./Vendor/DMAgent/Diagnostics/SelfTest"), ExecRequest.none());

    assertThat(result.status()).isEqualTo(StatusCode.OK);
    String report = value("./Vendor/DMAgent/Diagnostics/Report");
    assertThat(report)
        .startsWith("passed: tree ok (")
        .contains("DevId urn:dev:ops:test-1")
        .contains("store ok (commit and read back in ")
        .contains("disk ok (")
        .contains(" free at " + dir)
        .containsPattern("heap \\d+ of \\d+ MB");
    assertThat(result.output()).contains(NodeValue.text(report));
    assertThat(value("./Vendor/DMAgent/Diagnostics/LastRun")).isEqualTo("2026-03-01T10:15:30Z");
  }

  @Test
  void a_failed_check_answers_500_and_the_report_says_which() throws Exception {
    diagnostics(dir.resolve("no-such-folder"));
    new AccessGrant(tree, "*");

    assertThatThrownBy(
            () ->
                tree.operations(SERVER)
                    .exec(NodeUri.of("./Vendor/DMAgent/Diagnostics/SelfTest"), ExecRequest.none()))
        .isInstanceOfSatisfying(
            DmException.class, e -> assertThat(e.status()).isEqualTo(StatusCode.COMMAND_FAILED))
        .hasMessageContaining("disk failed");
    assertThat(value("./Vendor/DMAgent/Diagnostics/Report"))
        .startsWith("FAILED: tree ok")
        .contains("store ok")
        .contains("disk failed (" + dir.resolve("no-such-folder"));
  }

  @Test
  void servers_may_run_the_self_test_and_keep_a_note_only_once_granted() throws Exception {
    diagnostics(dir);
    TreeOperations server = tree.operations(SERVER);
    NodeUri selfTest = NodeUri.of("./Vendor/DMAgent/Diagnostics/SelfTest");
    NodeUri note = NodeUri.of("./Vendor/DMAgent/Diagnostics/Note");

    assertThatThrownBy(() -> server.exec(selfTest, ExecRequest.none()))
        .isInstanceOfSatisfying(
            DmException.class, e -> assertThat(e.status()).isEqualTo(StatusCode.PERMISSION_DENIED));

    new AccessGrant(tree, "acme-dm");

    assertThat(server.exec(selfTest, ExecRequest.none()).status()).isEqualTo(StatusCode.OK);
    server.replace(note, NodeValue.text("rack 4, PSU replaced"));
    assertThat(value(note.toString())).isEqualTo("rack 4, PSU replaced");
    assertThat(
            tree.operations(Principal.server("other"))
                .getProperty(selfTest, NodeProperty.ACL)
                .value())
        .isEqualTo("Exec=acme-dm&Get=*");
    assertThatThrownBy(
            () -> tree.operations(Principal.server("other")).exec(selfTest, ExecRequest.none()))
        .isInstanceOf(DmException.class);
  }

  @Test
  void an_acl_set_by_someone_else_is_never_overwritten() throws Exception {
    diagnostics(dir);
    NodeUri selfTest = NodeUri.of("./Vendor/DMAgent/Diagnostics/SelfTest");
    tree.operations(Principal.device()).replaceProperty(selfTest, NodeProperty.ACL, "Get=ops");

    new AccessGrant(tree, "*");

    assertThat(tree.operations(Principal.device()).getProperty(selfTest, NodeProperty.ACL).value())
        .isEqualTo("Get=ops");
  }

  @Test
  void the_grant_follows_when_the_tree_grafts_the_diagnostics_later() throws Exception {
    AccessGrant grant = new AccessGrant(tree, "*");
    tree.listen(grant, NodeUri.of("./Vendor/DMAgent/Diagnostics"));

    diagnostics(dir);

    NodeUri selfTest = NodeUri.of("./Vendor/DMAgent/Diagnostics/SelfTest");
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (tree.operations(Principal.device()).getProperty(selfTest, NodeProperty.ACL).status()
            == StatusCode.OK_WITH_INHERITED_ACL
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(tree.operations(SERVER).exec(selfTest, ExecRequest.none()).status())
        .isEqualTo(StatusCode.OK);
  }

  @Test
  void exec_elsewhere_in_the_object_is_not_allowed() throws Exception {
    DiagnosticsObject mo = diagnostics(dir);

    assertThatThrownBy(
            () ->
                mo.exec(
                    NodeUri.of("./Vendor/DMAgent/Diagnostics/Note"),
                    ExecRequest.none(),
                    Principal.device()))
        .isInstanceOfSatisfying(
            DmException.class,
            e -> assertThat(e.status()).isEqualTo(StatusCode.COMMAND_NOT_ALLOWED));
  }
}
