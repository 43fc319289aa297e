package io.dmagent.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.server.script.Script;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as the README runs it: the default image starts the agent with the embedded reference
 * server, the agent calls it at start, the server's default script reads DevInfo and DevDetail,
 * replaces a value and runs the self-test, and the agent prints one line saying how it went. Both
 * keep running afterwards. All of it over TLS with certificates the server made at first start.
 */
class DemoIT {
  private static final Pattern SUMMARY =
      Pattern.compile(
          "INFO  io\\.dmagent\\.protocol: session (\\S+) with dmagent-demo ended: completed, (\\d+)"
              + " commands, ");

  @TempDir Path dir;

  private static int scriptCommands(Path home) throws Exception {
    return Script.parse(
            "default",
            Files.readString(home.resolve("server/scripts/default.dms"), StandardCharsets.UTF_8))
        .commandCount();
  }

  private static URI serverAddress(Path home) throws Exception {
    Properties p = new Properties();
    try (var in = Files.newBufferedReader(home.resolve("config/io.dmagent.server.cfg"))) {
      p.load(in);
    }
    return URI.create("https://127.0.0.1:" + p.getProperty("port") + p.getProperty("path"));
  }

  /** A client trusting only the demo CA the server made at first start. */
  private static HttpClient trustingTheDemoCa(Path home) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(home.resolve("data/tls/demo-ca.p12"))) {
      trust.load(in, "dmagent-demo".toCharArray());
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(tls).build();
  }

  @Test
  void the_agent_runs_the_demo_session_at_start_prints_its_summary_and_both_keep_running()
      throws Exception {
    Path home = RunningAgent.install(dir);
    try (RunningAgent agent = RunningAgent.start(home)) {
      Matcher m = SUMMARY.matcher(agent.awaitLine(l -> SUMMARY.matcher(l).find()));

      assertThat(m.find()).isTrue();
      assertThat(Integer.parseInt(m.group(2))).isEqualTo(scriptCommands(home));
      assertThat(agent.lines()).noneMatch(l -> l.contains("ERROR"));
      // The demo authenticates both ways with MD5 (config: demo secrets), and no secret is logged.
      assertThat(agent.lines())
          .anyMatch(l -> l.contains("device authenticated (syncml:auth-md5)"))
          .anyMatch(l -> l.contains("server dmagent-demo authenticated (syncml:auth-md5)"))
          .noneMatch(l -> l.contains("demo-client-secret") || l.contains("demo-server-secret"));
      // Over TLS: the server listens on https, nothing went in plaintext, and its key is
      // owner-only.
      String listening = "reference DM server listening at " + serverAddress(home);
      assertThat(agent.lines())
          .anyMatch(l -> l.contains(listening))
          .noneMatch(l -> l.contains("plain HTTP"));
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(home.resolve("data/tls/server.p12"))))
          .isEqualTo("rw-------");
      // The server still answers over HTTPS (a GET is no DM message: 405), and the agent is up.
      HttpResponse<String> probe =
          trustingTheDemoCa(home)
              .send(
                  HttpRequest.newBuilder(serverAddress(home)).GET().build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(probe.statusCode()).isEqualTo(405);
      assertThat(agent.isAlive()).isTrue();
    }
  }

  @Test
  void the_console_shows_what_the_server_did_in_the_demo_session() throws Exception {
    try (RunningAgent agent = RunningAgent.startWithConsole(RunningAgent.install(dir))) {
      agent.awaitLine(l -> SUMMARY.matcher(l).find());

      List<String> devices = agent.console("dmserver:devices");
      assertThat(devices)
          .anyMatch(l -> l.contains("session(s), last session") && l.contains("completed"));
      String line =
          devices.stream().filter(l -> l.contains("session(s)")).findFirst().orElseThrow();
      String devId = line.substring(0, line.indexOf(' '));

      List<String> results = agent.console("dmserver:results " + devId);
      assertThat(results)
          .anyMatch(l -> l.matches("  \\d+ Get ./DevInfo/DevId -> 200"))
          .anyMatch(l -> l.trim().equals("./DevInfo/DevId = " + devId))
          .anyMatch(l -> l.matches("  \\d+ Get ./DevDetail/DevTyp -> 200"))
          .anyMatch(l -> l.matches("  \\d+ Replace ./Vendor/DMAgent/Diagnostics/Note -> 200"))
          .anyMatch(l -> l.matches("    \\d+ Exec ./Vendor/DMAgent/Diagnostics/SelfTest -> 200"))
          .anyMatch(l -> l.trim().startsWith("./Vendor/DMAgent/Diagnostics/Report = passed: "));
      assertThat(agent.console("dm:get ./Vendor/DMAgent/Diagnostics/Note"))
          .contains("managed by the reference server on localhost");
    }
  }

  @Test
  void the_demo_server_wakes_the_agent_over_http_once_dm_push_http_is_installed() throws Exception {
    Path home = RunningAgent.install(dir);
    RunningAgent.movePort(home, 8088, RunningAgent.freePort());
    try (RunningAgent agent = RunningAgent.startWithConsole(home)) {
      agent.awaitLine(l -> SUMMARY.matcher(l).find());
      String devId = devId(agent);

      assertThat(agent.console("dm:feature install dm-push-http"))
          .anyMatch(l -> l.startsWith("installed feature dm-push-http"));
      agent.awaitLine("grafted at ./DevDetail/Ext/DMAgent/Features/PushHTTP");
      String sent = notifyUntilAccepted(agent, devId);
      Matcher session = NOTIFIED.matcher(sent);

      assertThat(session.find()).as(sent).isTrue();
      String id = session.group(1);
      agent.awaitLine(
          l ->
              l.contains(
                  "INFO  io.dmagent.protocol: session "
                      + id
                      + " with dmagent-demo ended: completed"));
      assertThat(agent.lines())
          .anyMatch(
              l ->
                  l.contains(
                      "INFO  io.dmagent.notification: package #0 over http from 'dmagent-demo':"
                          + " session "
                          + id))
          .noneMatch(l -> l.contains("ERROR"));
    }
  }

  private static final Pattern NOTIFIED =
      Pattern.compile(
          "^notified \\S+ over http://127\\.0\\.0\\.1:\\d+/dm/push: DM 1\\.2 package #0 of \\d+ bytes,"
              + " session (\\p{XDigit}+), ui background; answer: HTTP '202 Accepted'");

  /** The server's one line; the listener may still be starting right after the install. */
  private static String notifyUntilAccepted(RunningAgent agent, String devId) throws Exception {
    String last = "";
    for (int attempt = 0; attempt < 20; attempt++) {
      for (String line : agent.console("dmserver:notify " + devId)) {
        if (line.startsWith("notified ") || line.startsWith("error")) {
          last = line;
        }
      }
      if (last.contains("202 Accepted")) {
        return last;
      }
      Thread.sleep(500);
    }
    return last;
  }

  private static String devId(RunningAgent agent) throws Exception {
    String line =
        agent.console("dmserver:devices").stream()
            .filter(l -> l.contains("session(s)"))
            .findFirst()
            .orElseThrow();
    return line.substring(0, line.indexOf(' '));
  }
}
