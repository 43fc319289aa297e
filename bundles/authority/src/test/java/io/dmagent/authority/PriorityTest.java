package io.dmagent.authority;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.codec.description.DdfTndsCodec;
import io.dmagent.tree.AclMode;
import io.dmagent.tree.PlainTree;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Priorities between management authorities on the same MO instance (DM-HLF-020), on the real tree
 * with the guard registered as the tree's write guard: srvA (10) and srvB (5) both hold every right
 * on ./Vendor/ACME/Sensors, whose instances are ./Vendor/ACME/Sensors/&lt;x&gt;.
 */
class PriorityTest {
  @TempDir Path dir;
  private final List<String> log = new CopyOnWriteArrayList<>();
  private PlainTree tree;

  private void start(String... priorities) throws Exception {
    tree =
        PlainTree.onFile(dir.resolve("tree.mv.db"))
            .aclMode(AclMode.TND)
            .codec(new DdfTndsCodec())
            .log(log::add)
            .open();
    tree.graft(new SensorsMo());
    PriorityGuard guard = new PriorityGuard(tree, priorities, log::add);
    tree.guard(guard);
    tree.listen(guard, NodeUri.of("./Vendor"));
    tree.operations(Principal.device())
        .replaceProperty(
            SensorsMo.ROOT,
            NodeProperty.ACL,
            "Add=srvA+srvB&Delete=srvA+srvB&Get=*&Replace=srvA+srvB");
  }

  @AfterEach
  void stop() throws Exception {
    tree.close();
  }

  private int write(String serverId, String uri, String value) {
    try {
      NodeUri at = NodeUri.of(uri);
      if (Nodes.exists(tree.operations(Principal.device()), at)) {
        tree.operations(Principal.server(serverId)).replace(at, NodeValue.text(value));
      } else {
        tree.operations(Principal.server(serverId)).addLeaf(at, NodeValue.text(value));
      }
      return 200;
    } catch (DmException e) {
      return e.status().code();
    }
  }

  private int delete(String serverId, String uri) {
    try {
      tree.operations(Principal.server(serverId)).delete(NodeUri.of(uri));
      return 200;
    } catch (DmException e) {
      return e.status().code();
    }
  }

  private String value(String uri) throws DmException {
    return tree.operations(Principal.device()).get(NodeUri.of(uri)).value().orElseThrow().text();
  }

  @Test
  void a_lower_priority_server_cannot_overwrite_an_instance_a_higher_priority_one_wrote_last()
      throws Exception {
    start("srvA=10, srvB=5"); // as a .cfg file gives it
    assertThat(write("srvA", "./Vendor/ACME/Sensors/s1/Rate", "10")).isEqualTo(200);

    assertThat(write("srvB", "./Vendor/ACME/Sensors/s1/Rate", "99")).isEqualTo(403);
    assertThat(delete("srvB", "./Vendor/ACME/Sensors/s1")).isEqualTo(403);

    assertThat(value("./Vendor/ACME/Sensors/s1/Rate")).isEqualTo("10");
    assertThat(log).anyMatch(l -> l.contains("srvB may not write ./Vendor/ACME/Sensors/s1/Rate"));
  }

  @Test
  void each_authority_manages_its_own_instance_and_the_higher_one_may_take_over() throws Exception {
    start("srvA=10", "srvB=5");
    assertThat(write("srvB", "./Vendor/ACME/Sensors/s2/Rate", "5")).isEqualTo(200);
    assertThat(write("srvB", "./Vendor/ACME/Sensors/s2/Rate", "6")).isEqualTo(200);

    assertThat(write("srvA", "./Vendor/ACME/Sensors/s2/Rate", "1")).isEqualTo(200);

    assertThat(write("srvB", "./Vendor/ACME/Sensors/s2/Rate", "7")).isEqualTo(403);
    assertThat(value("./Vendor/ACME/Sensors/s2/Rate")).isEqualTo("1");
  }

  @Test
  void equal_and_unlisted_priorities_never_refuse() throws Exception {
    start("srvA=3", "srvB=3");
    write("srvA", "./Vendor/ACME/Sensors/s1/Rate", "1");

    assertThat(write("srvB", "./Vendor/ACME/Sensors/s1/Rate", "2")).isEqualTo(200);
    assertThat(write("srvC", "./Vendor/ACME/Sensors/s1/Rate", "3"))
        .isEqualTo(425); // ACL, not priority
  }

  @Test
  void without_priorities_configured_the_last_writer_never_matters() throws Exception {
    start();
    write("srvA", "./Vendor/ACME/Sensors/s1/Rate", "1");

    assertThat(write("srvB", "./Vendor/ACME/Sensors/s1/Rate", "2")).isEqualTo(200);
  }

  @Test
  void the_device_is_never_refused() throws Exception {
    start("srvA=10", "srvB=5");
    write("srvA", "./Vendor/ACME/Sensors/s1/Rate", "1");

    tree.operations(Principal.device())
        .replace(NodeUri.of("./Vendor/ACME/Sensors/s1/Rate"), NodeValue.text("local"));

    assertThat(value("./Vendor/ACME/Sensors/s1/Rate")).isEqualTo("local");
  }

  @Test
  void a_deleted_instance_is_free_for_the_next_writer() throws Exception {
    start("srvA=10", "srvB=5");
    write("srvA", "./Vendor/ACME/Sensors/s1/Rate", "1");
    tree.operations(Principal.server("srvA")).delete(NodeUri.of("./Vendor/ACME/Sensors/s1"));

    // The guard hears of the delete from the tree's event thread.
    int status = 403;
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (status == 403 && System.nanoTime() < deadline) {
      status = write("srvB", "./Vendor/ACME/Sensors/s1/Rate", "2");
      Thread.sleep(status == 403 ? 20 : 0);
    }

    assertThat(status).isEqualTo(200);
  }

  @Test
  void nodes_no_mo_describes_are_each_their_own_instance() throws Exception {
    start("srvA=10", "srvB=5");
    tree.operations(Principal.device()).addInterior(NodeUri.of("./Vendor/Plain"), null);
    tree.operations(Principal.device())
        .replaceProperty(NodeUri.of("./Vendor/Plain"), NodeProperty.ACL, "Add=*&Get=*&Replace=*");
    write("srvA", "./Vendor/Plain/a", "1");

    assertThat(write("srvB", "./Vendor/Plain/b", "2")).isEqualTo(200);
    assertThat(write("srvB", "./Vendor/Plain/a", "2")).isEqualTo(403);
  }

  @Test
  void who_holds_an_instance_survives_a_restart() throws Exception {
    Path holders = dir.resolve("authority").resolve("holders.properties");
    start("srvA=10", "srvB=5");
    PriorityGuard before =
        new PriorityGuard(
            tree, new String[] {"srvA=10", "srvB=5"}, java.util.Optional.of(holders), log::add);
    tree.guard(before);
    assertThat(write("srvA", "./Vendor/ACME/Sensors/s1/Rate", "10")).isEqualTo(200);
    before.close();
    tree.close();

    tree =
        PlainTree.onFile(dir.resolve("tree.mv.db"))
            .aclMode(AclMode.TND)
            .codec(new DdfTndsCodec())
            .log(log::add)
            .open();
    tree.graft(new SensorsMo());
    tree.guard(
        new PriorityGuard(
            tree, new String[] {"srvA=10", "srvB=5"}, java.util.Optional.of(holders), log::add));

    assertThat(write("srvB", "./Vendor/ACME/Sensors/s1/Rate", "99")).isEqualTo(403);
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(holders)))
        .isEqualTo("rw-------");
  }

  @Test
  void a_priority_entry_that_does_not_parse_is_logged_and_ignored() throws Exception {
    start("srvA=high", "srvB=5", "=3");

    assertThat(log).anyMatch(l -> l.contains("priority entry ignored") && l.contains("srvA=high"));
    write("srvB", "./Vendor/ACME/Sensors/s1/Rate", "1");
    assertThat(write("srvA", "./Vendor/ACME/Sensors/s1/Rate", "2")).isEqualTo(403);
  }
}
