package io.dmagent.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client-initiated bootstrap end to end, two assembled images: one runs the reference server (the
 * DM Bootstrap Server and the DM server), the other is a fresh gateway with an empty {@code data/},
 * no account file, configured only with the bootstrap server's URL and its trust anchor (the
 * server's demo CA). The gateway fetches by HTTPS GET: 404 until the server has a message for it,
 * then it bootstraps and runs its first management session, which the server sees. An unchanged
 * message is not applied again, a changed one is; BootSrvDiscovery=0 set by the server in a session
 * stops the fetches.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BootstrapIT {
  private static final String DEV_ID = "urn:dev:ops:dmagent-bootstrap-it";
  private static final String PIN = "4711";

  @TempDir static Path dir;
  private RunningAgent server;
  private RunningAgent gateway;
  private int port;

  @BeforeAll
  void startServerAndFreshGateway() throws Exception {
    Path serverHome = RunningAgent.install(dir.resolve("server"));
    port = serverPort(serverHome);
    int wapPort = RunningAgent.freePort();
    Files.writeString(
        serverHome.resolve("config/io.dmagent.server.cfg"),
        "\nbootstrapPin="
            + PIN
            + "\npushAddresses="
            + DEV_ID
            + "=wap://127.0.0.1:"
            + wapPort
            + "\n",
        StandardOpenOption.APPEND);
    Files.writeString(
        serverHome.resolve("server/scripts/inhibit.dms"),
        "replace ./BootConfig/BootSrvDiscovery int 0\n");
    server = RunningAgent.startWithConsole(serverHome);
    server.awaitLine("DM Agent ready");
    Path anchor = serverHome.resolve("data/tls/demo-ca.p12");
    assertThat(anchor).exists();

    Path home = RunningAgent.install(dir.resolve("gateway"));
    Path config = home.resolve("config");
    Files.delete(config.resolve("io.dmagent.protocol.account-demo.cfg"));
    Files.copy(anchor, config.resolve("bootstrap-ca.p12"));
    Files.writeString(
        config.resolve("io.dmagent.runtime.cfg"),
        "features=dm-core,dm-http,dm-bootstrap-client,dm-push-wap\n");
    Files.writeString(
        config.resolve("io.dmagent.push.wap.cfg"), "bindAddress=127.0.0.1\nport=" + wapPort + "\n");
    Files.writeString(config.resolve("io.dmagent.bootstrap.cfg"), "userPin=" + PIN + "\n");
    Files.writeString(
        config.resolve("io.dmagent.stdobj.cfg"),
        "devId=" + DEV_ID + "\n",
        StandardOpenOption.APPEND);
    Files.writeString(
        config.resolve("io.dmagent.bootstrap.client.cfg"),
        String.join(
            "\n",
            "bootstrapServers=https://127.0.0.1:" + port + "/dm/bootstrap",
            "trustStore=${dmagent.home}/config/bootstrap-ca.p12",
            "trustStorePassword=dmagent-demo",
            "firstBackoffMillis=500",
            "maxBackoffSeconds=2",
            "attempts=1",
            ""));
    // The sessions with the bootstrapped server go over TLS too, to the same trust anchor.
    Files.writeString(
        config.resolve("io.dmagent.transport.http.cfg"),
        "\ntrustStore=${dmagent.home}/config/bootstrap-ca.p12\n",
        StandardOpenOption.APPEND);
    assertThat(home.resolve("data")).isEmptyDirectory();
    gateway = RunningAgent.startWithConsole(home);
    gateway.awaitLine("DM Agent ready");
  }

  private static int serverPort(Path home) throws Exception {
    for (String line : Files.readAllLines(home.resolve("config/io.dmagent.server.cfg"))) {
      if (line.startsWith("port=")) {
        return Integer.parseInt(line.substring(5).trim());
      }
    }
    throw new AssertionError("no port in io.dmagent.server.cfg");
  }

  @AfterAll
  void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static List<String> awaitConsole(
      RunningAgent agent, String command, Predicate<List<String>> done) throws Exception {
    long deadline = System.nanoTime() + RunningAgent.PATIENCE.toNanos();
    List<String> out = List.of();
    while (System.nanoTime() < deadline) {
      out = agent.console(command);
      if (done.test(out)) {
        return out;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(command + " never showed what was awaited; last:\n" + out);
  }

  private String gatewayGet(String uri) throws Exception {
    return String.join("\n", gateway.console("dm:get " + uri));
  }

  @Test
  @Order(1)
  void a_404_leaves_the_fresh_gateway_without_an_account() throws Exception {
    gateway.awaitLine(l -> l.contains("bootstrap fetch from") && l.contains("UNCHANGED"));

    assertThat(gateway.lines())
        .anyMatch(l -> l.contains("the server has no bootstrap message for this gateway"));
    assertThat(gatewayGet("./DMAcc")).doesNotContain("dmagent-demo");
    assertThat(gatewayGet("./DevDetail/Ext/DMAgent/Features")).contains("BootstrapClientInitiated");
  }

  @Test
  @Order(2)
  void the_fresh_gateway_bootstraps_over_https_and_runs_its_first_session_with_the_server()
      throws Exception {
    // The first session after the bootstrap runs this script, which the server queues now.
    assertThat(String.join("\n", server.console("dmserver:run " + DEV_ID + " inhibit")))
        .contains("queued");

    assertThat(String.join("\n", server.console("dmserver:bootstrap " + DEV_ID)))
        .contains("kept for its HTTPS GET");

    gateway.awaitLine(l -> l.contains("bootstrap fetch from") && l.contains("APPLIED"));
    gateway.awaitLine(
        l -> l.contains("session") && l.contains("with dmagent-demo ended: completed"));
    assertThat(gatewayGet("./DMAcc/dmagent-demo/ServerID")).contains("dmagent-demo");
    awaitConsole(
        server, "dmserver:devices", out -> out.stream().anyMatch(l -> l.startsWith(DEV_ID)));
    assertThat(String.join("\n", server.console("dmserver:results " + DEV_ID)))
        .contains("./BootConfig/BootSrvDiscovery");
  }

  @Test
  @Order(3)
  void the_server_set_bootsrvdiscovery_to_0_and_the_gateway_fetches_no_more() throws Exception {
    assertThat(gatewayGet("./BootConfig/BootSrvDiscovery")).contains("0");

    List<String> out = gateway.console("dm:bootstrap-fetch");

    assertThat(String.join("\n", out)).contains("NOT_ALLOWED").contains("BootSrvDiscovery is 0");
    // The operator allows it again, for what follows.
    assertThat(gateway.console("dm:set ./BootConfig/BootSrvDiscovery 1"))
        .noneMatch(l -> l.startsWith("error"));
  }

  @Test
  @Order(4)
  void an_unchanged_message_is_not_applied_again_and_a_changed_one_is() throws Exception {
    String unchanged = String.join("\n", gateway.console("dm:bootstrap-fetch"));
    String localhost = "https://localhost:" + port + "/dm";
    server.console("dmserver:bootstrap " + DEV_ID + " --address " + localhost);
    String changed = String.join("\n", gateway.console("dm:bootstrap-fetch"));

    assertThat(unchanged).contains("UNCHANGED");
    assertThat(changed).contains("APPLIED");
    assertThat(gatewayGet("./DMAcc/dmagent-demo/AppAddr/srv/Addr")).contains(localhost);
  }

  @Test
  @Order(5)
  void
      a_bootstrap_the_server_pushes_over_wap_is_authenticated_by_its_mac_but_may_not_replace_what_the_bootstrap_server_gave()
          throws Exception {
    String said = String.join("\n", server.console("dmserver:bootstrap " + DEV_ID + " --push"));

    assertThat(said).contains("SEC=1 MAC").contains("WSP push of");
    String line = gateway.awaitLine(l -> l.contains("bootstrap from WAP_PUSH"));
    assertThat(line)
        .contains("NOT_ALLOWED")
        .contains("came from BOOTSTRAP_SERVER, which WAP_PUSH may not replace");
  }
}
