package io.dmagent.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each push binding installed and removed at run time in the running distribution, as an operator
 * does it from the console: {@code dm:feature install dm-push-X} makes the binding listen and its
 * optional feature node appear; {@code dm:feature uninstall dm-push-X} takes both away and frees
 * the port. (The framework tests of each binding cover its bundle alone; this is the feature, with
 * the listener and notification bundles it brings and takes away.)
 */
class PushFeatureIT {
  @TempDir Path dir;

  /** Whether something listens on the loopback port: TCP accepts, or a UDP port cannot be bound. */
  private static boolean listening(String transport, int port) throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    if (transport.equals("tcp")) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(loopback, port), 1000);
        return true;
      } catch (IOException refused) {
        return false;
      }
    }
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(loopback, port))) {
      return false;
    } catch (IOException taken) {
      return true;
    }
  }

  private static void awaitListening(String transport, int port, boolean expected)
      throws Exception {
    long deadline = System.nanoTime() + RunningAgent.PATIENCE.toNanos();
    while (listening(transport, port) != expected) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            transport + " port " + port + (expected ? " never listened" : " never freed"));
      }
      Thread.sleep(100);
    }
  }

  /** A port free for TCP and UDP alike. */
  private static int freePort() throws IOException {
    while (true) {
      int port = RunningAgent.freePort();
      try (ServerSocket unused = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
          DatagramSocket alsoUnused =
              new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
  }

  /**
   * What the command prints once the console answers it again: removing a bundle others were wired
   * to refreshes them, and a command typed meanwhile is not found.
   */
  private static List<String> settled(RunningAgent agent, String command) throws Exception {
    long deadline = System.nanoTime() + RunningAgent.PATIENCE.toNanos();
    while (true) {
      List<String> out = agent.console(command);
      if (out.stream().noneMatch(l -> l.startsWith("unknown command"))
          || System.nanoTime() > deadline) {
        return out;
      }
      Thread.sleep(200);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"http, PushHTTP, tcp", "sip, PushSIP, udp", "wap, PushWAP, udp"})
  void the_push_feature_listens_while_installed_and_is_gone_with_its_port_after_uninstall(
      String binding, String node, String transport) throws Exception {
    Path home = RunningAgent.install(dir);
    int port = freePort();
    RunningAgent.movePort(home, 8088, port);
    Files.writeString(
        home.resolve("config/io.dmagent.push.sip.cfg"), "address=127.0.0.1\nport=" + port + "\n");
    Files.writeString(
        home.resolve("config/io.dmagent.push.wap.cfg"),
        "bindAddress=127.0.0.1\nport=" + port + "\n");
    String feature = "dm-push-" + binding;
    String uri = "./DevDetail/Ext/DMAgent/Features/" + node;
    try (RunningAgent agent = RunningAgent.startWithConsole(home)) {
      agent.awaitLine("DM Agent ready");
      assertThat(listening(transport, port)).isFalse();

      assertThat(agent.console("dm:feature install " + feature))
          .anyMatch(l -> l.startsWith("installed feature " + feature));
      agent.awaitLine("grafted at " + uri);
      awaitListening(transport, port, true);
      List<String> whileInstalled = agent.console("dm:get " + uri);

      assertThat(agent.console("dm:feature uninstall " + feature))
          .anyMatch(l -> l.startsWith("uninstalled feature " + feature));
      awaitListening(transport, port, false);
      List<String> afterUninstall = settled(agent, "dm:get " + uri);

      assertThat(whileInstalled).noneMatch(l -> l.startsWith("error"));
      assertThat(afterUninstall).anyMatch(l -> l.startsWith("error 404"));
      assertThat(agent.lines()).noneMatch(l -> l.contains("ERROR"));
    }
  }
}
