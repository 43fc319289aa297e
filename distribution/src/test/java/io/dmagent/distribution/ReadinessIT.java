package io.dmagent.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ready line counts the components that work, not the bundles that are active. */
class ReadinessIT {
  private static final Pattern READY =
      Pattern.compile("DM Agent ready in \\d+ ms: (\\d+) of (\\d+) components active(.*)");

  @TempDir Path dir;

  @Test
  void the_reference_server_that_cannot_bind_its_port_is_named_as_not_active() throws Exception {
    Path home = RunningAgent.install(dir);
    Matcher port =
        Pattern.compile("(?m)^port=(\\d+)$")
            .matcher(Files.readString(home.resolve("config/io.dmagent.server.cfg")));
    assertThat(port.find()).isTrue();
    try (ServerSocket taken =
            new ServerSocket(
                Integer.parseInt(port.group(1)), 1, InetAddress.getByName("127.0.0.1"));
        RunningAgent agent = RunningAgent.start(home)) {
      Matcher ready = READY.matcher(agent.awaitLine(l -> READY.matcher(l).find()));

      assertThat(ready.find()).isTrue();
      assertThat(Integer.parseInt(ready.group(1))).isEqualTo(Integer.parseInt(ready.group(2)) - 1);
      assertThat(ready.group(3))
          .startsWith(
              ", not active: io.dmagent.server.component.ReferenceServer (io.dmagent.server):"
                  + " activation failed: Address already in use");
    }
  }

  @Test
  void a_tree_that_cannot_open_its_store_is_named_as_not_active() throws Exception {
    Path home = RunningAgent.install(dir);
    // The store's folder would have to be a file that exists: it cannot be created.
    Path blocked = home.resolve("config/io.dmagent.tree.cfg").resolve("tree.mv.db");
    Files.writeString(
        home.resolve("config/io.dmagent.tree.cfg"),
        "storeFile=" + blocked + "\n",
        java.nio.file.StandardOpenOption.APPEND);
    try (RunningAgent agent = RunningAgent.start(home)) {
      Matcher ready = READY.matcher(agent.awaitLine(l -> READY.matcher(l).find()));

      assertThat(ready.find()).isTrue();
      assertThat(Integer.parseInt(ready.group(1))).isLessThan(Integer.parseInt(ready.group(2)));
      assertThat(ready.group(3)).contains("io.dmagent.tree.DmTreeService (io.dmagent.tree)");
    }
  }
}
