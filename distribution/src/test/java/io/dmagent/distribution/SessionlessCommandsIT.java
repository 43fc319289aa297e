package io.dmagent.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessionless commands and feature discovery end to end in the assembled distribution: the embedded
 * reference server pushes signed commands over MQTT (a real Mosquitto) with {@code dmserver:push},
 * the agent's tree changes and the outcome comes back as a sessionless report; envelopes a attacker
 * could send (replayed, out of the window, wrongly signed, from a server without rights) are
 * published to the push topic with {@code mosquitto_pub} and change nothing. A session the server
 * starts with a notification reads the optional features, and no longer sees the SIP push binding
 * once its feature is uninstalled.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionlessCommandsIT {
  private static final String NOTE = "./Vendor/DMAgent/Diagnostics/Note";
  private static final String SERVER = "dmagent-demo";
  private static final String SERVER_SECRET = "demo-server-secret-change-me";
  private static final Pattern DEMO_DONE =
      Pattern.compile("session \\S+ with dmagent-demo ended: completed");
  private static final Pattern PUSHED = Pattern.compile("timestamp (\\d+)");

  @TempDir static Path dir;
  private ReportBroker broker;
  private RunningAgent agent;
  private String devId;

  @BeforeAll
  void startBrokerAndAgent() throws Exception {
    broker = ReportBroker.start(Files.createDirectories(dir.resolve("broker")));
    Path home = RunningAgent.install(dir.resolve("agent"));
    Path config = home.resolve("config");
    String mqtt = "mqtt://" + broker.address();
    Files.writeString(
        config.resolve("io.dmagent.runtime.cfg"),
        "features=dm-core,dm-http,dm-server,dm-push-mqtt,dm-push-sip,dm-sessionless\n");
    Files.writeString(
        config.resolve("io.dmagent.push.mqtt.cfg"),
        "brokerUri=tcp://" + broker.address() + "\nmaxReconnectDelayMillis=2000\n");
    Files.writeString(
        config.resolve("io.dmagent.push.sip.cfg"),
        "address=127.0.0.1\nport=" + RunningAgent.freePort() + "\n");
    Files.writeString(
        config.resolve("io.dmagent.sessionless.cfg"),
        "reportAddress." + SERVER + "=" + mqtt + "\n");
    // A second server the gateway knows, signing correctly, but with no rights on the note.
    Files.writeString(
        config.resolve("io.dmagent.protocol.account-intruder.cfg"),
        String.join(
            "\n",
            "serverId=intruder",
            "address=https://127.0.0.1:1/dm",
            "authType=DIGEST",
            "authName=gateway-intruder",
            "authSecret=intruder-client-secret",
            "serverAuthSecret=intruder-server-secret",
            "connectAtStart=false",
            ""));
    Files.writeString(
        config.resolve("io.dmagent.server.cfg"),
        "\ndefaultPushAddresses=" + mqtt + "\nreportBroker=" + mqtt + "\n",
        StandardOpenOption.APPEND);
    Path scripts = home.resolve("server/scripts");
    Files.writeString(
        scripts.resolve("note.dms"), "replace " + NOTE + " chr set without a session\n");
    Files.writeString(
        scripts.resolve("atomic-ok.dms"),
        "atomic {\n  replace " + NOTE + " chr all of the atomic\n}\n");
    Files.writeString(
        scripts.resolve("atomic-half.dms"),
        "atomic {\n  replace "
            + NOTE
            + " chr half of the atomic\n  replace ./Vendor/DMAgent/Diagnostics/NoSuchLeaf chr x\n}\n");
    Files.writeString(
        scripts.resolve("features.dms"),
        "notify --binding mqtt\nget ./DevDetail/Ext/DMAgent/Features\n");
    agent = RunningAgent.startWithConsole(home);
    agent.awaitLine(l -> DEMO_DONE.matcher(l).find());
    String line =
        awaitConsole(
                "dmserver:devices", out -> out.stream().anyMatch(l -> l.contains("session(s)")))
            .stream()
            .filter(l -> l.contains("session(s)"))
            .findFirst()
            .orElseThrow();
    devId = line.substring(0, line.indexOf(' '));
    awaitConsole("dm:help", out -> out.stream().anyMatch(l -> l.contains("sessionless report")));
  }

  @AfterAll
  void stop() throws Exception {
    if (agent != null) {
      agent.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  /** Runs {@code command} on the console until its output satisfies {@code done}. */
  private List<String> awaitConsole(String command, Predicate<List<String>> done) throws Exception {
    long deadline = System.nanoTime() + RunningAgent.PATIENCE.multipliedBy(2).toNanos();
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

  private String note() throws Exception {
    return String.join("\n", agent.console("dm:get " + NOTE)).trim();
  }

  private String awaitNote(String value) throws Exception {
    return String.join("\n", awaitConsole("dm:get " + NOTE, out -> out.contains(value)));
  }

  private String push(String script, String... options) throws Exception {
    String answer =
        String.join(
            "\n",
            agent.console(
                "dmserver:push "
                    + devId
                    + " "
                    + script
                    + " --binding mqtt "
                    + String.join(" ", options)));
    assertThat(answer).contains("sessionless command " + script);
    return answer;
  }

  /** The outcome reports of this device the server listed, one line each. */
  private List<String> outcomes(Predicate<List<String>> done) throws Exception {
    return awaitConsole("dmserver:reports " + devId, done).stream()
        .filter(l -> l.contains(" outcome "))
        .toList();
  }

  @Test
  void a_replace_pushed_by_the_server_changes_the_tree() throws Exception {
    push("note");

    assertThat(awaitNote("set without a session")).contains("set without a session");
  }

  @Test
  void an_atomic_applies_all_or_nothing_and_with_report_its_outcome_reaches_the_server()
      throws Exception {
    push("atomic-ok", "--report");
    awaitNote("all of the atomic");
    List<String> first = outcomes(out -> out.stream().anyMatch(l -> l.contains(" outcome ")));

    push("atomic-half", "--report");
    List<String> both =
        outcomes(out -> out.stream().filter(l -> l.contains(" outcome ")).count() > first.size());

    assertThat(first).hasSize(1);
    assertThat(first.get(0)).contains(devId).contains("Atomic 1=200").contains("Replace 2=200");
    assertThat(both.get(both.size() - 1)).contains("Atomic 1=507");
    assertThat(note()).contains("all of the atomic").doesNotContain("half");
  }

  @Test
  void replayed_late_wrongly_signed_or_unentitled_commands_change_nothing_and_log_one_line()
      throws Exception {
    String before = note();
    Matcher last = PUSHED.matcher(push("note"));
    assertThat(last.find()).isTrue();
    long accepted = Long.parseLong(last.group(1));
    awaitNote("set without a session");
    agent.console("dm:set " + NOTE + " before-the-attacks");
    // Only the demo server may change the note (the shipped grant lets every server).
    assertThat(agent.console("dm:set '" + NOTE + "?prop=ACL' 'Get=*&Replace=dmagent-demo'"))
        .noneMatch(l -> l.startsWith("error"));
    long now = System.currentTimeMillis();

    refused(command(SERVER, SERVER_SECRET, accepted, "replayed"), "refused (EXPIRED): replayed");
    refused(
        command(SERVER, SERVER_SECRET, now + 3_600_000, "from the future"),
        "refused (EXPIRED): timestamp " + (now + 3_600_000) + " outside the window");
    refused(
        command(SERVER, "not-the-secret", now + 1, "forged"),
        "refused (UNAUTHENTICATED): wrong MAC for 'dmagent-demo'");
    refused(
        command("intruder", "intruder-server-secret", now + 2, "no rights"),
        "sessionless command from 'intruder' over mqtt ran: 1 answer(s)");
    assertThat(before).isNotEmpty();
  }

  /**
   * Publishes {@code envelope} to the push topic, awaits its one log line; the note is unchanged.
   */
  private void refused(byte[] envelope, String line) throws Exception {
    int before = agent.lines().size();
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(
        "Content-Type: application/vnd.syncml.dm+xml\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    frame.write(envelope);
    broker.publish("dm/" + devId + "/push", frame.toByteArray());

    agent.awaitLine(l -> l.contains(line));
    Thread.sleep(1000); // a second line would be printed by now
    List<String> since = agent.lines().subList(before, agent.lines().size());
    assertThat(since.stream().filter(l -> l.contains("sessionless command"))).hasSize(1);
    assertThat(note()).contains("before-the-attacks");
  }

  /** A signed envelope around one Replace of the note, as {@code serverId} would send it. */
  private byte[] command(String serverId, String secret, long timestamp, String value) {
    String xml =
        "<SyncML xmlns=\"SYNCML:SYNCML1.2\"><SyncHdr><VerDTD>1.2</VerDTD><VerProto>DM/1.3</VerProto>"
            + "<SessionID>"
            + Long.toHexString(timestamp).toUpperCase(Locale.ROOT)
            + "</SessionID><MsgID>1</MsgID><Target><LocURI>"
            + devId
            + "</LocURI></Target><Source><LocURI>"
            + serverId
            + "</LocURI></Source></SyncHdr><SyncBody><Replace><CmdID>1</CmdID><Item><Target><LocURI>"
            + NOTE
            + "</LocURI></Target><Meta><Format xmlns=\"syncml:metinf\">chr</Format></Meta><Data>"
            + value
            + "</Data></Item></Replace><Final/></SyncBody></SyncML>";
    byte[] message = xml.getBytes(StandardCharsets.UTF_8);
    String ts = Long.toString(timestamp);
    // The x-syncml-hmac formula (protocol-wire.md 3.4), nonce = the timestamp, written out here
    // from FRAMINGS.md rather than taken from the server's code.
    String mac =
        b64md5(
            (b64md5((serverId + ":" + secret).getBytes(StandardCharsets.UTF_8))
                    + ":"
                    + ts
                    + ":"
                    + b64md5(message))
                .getBytes(StandardCharsets.UTF_8));
    String head =
        "x-syncml-hmac: algorithm=MD5, username=\""
            + serverId
            + "\", mac="
            + mac
            + "\r\nx-dm-timestamp: "
            + ts
            + "\r\nContent-Type: application/vnd.syncml.dm+xml\r\n\r\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(message);
    return out.toByteArray();
  }

  private static String b64md5(byte[] bytes) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void a_session_lists_the_installed_features_and_no_longer_sip_once_it_is_uninstalled()
      throws Exception {
    String features = "./DevDetail/Ext/DMAgent/Features = ";
    agent.console("dmserver:run " + devId + " features");
    String all =
        featureLine(awaitConsole("dmserver:results " + devId, out -> hasLine(out, features)));
    // The server's console shortens a long value; the push bindings come early in the list.
    assertThat(all).contains("Notification12").contains("PushMQTT").contains("PushSIP");

    assertThat(String.join("\n", agent.console("dm:feature uninstall dm-push-sip")))
        .contains("dm-push-sip");
    agent.console("dmserver:run " + devId + " features");
    String without =
        featureLine(
            awaitConsole(
                "dmserver:results " + devId,
                out -> hasLine(out, features) && !featureLine(out).contains("PushSIP")));

    assertThat(without).contains("Notification12").contains("PushMQTT").doesNotContain("PushSIP");
  }

  private static boolean hasLine(List<String> out, String start) {
    return out.stream().anyMatch(l -> l.trim().startsWith(start));
  }

  private static String featureLine(List<String> out) {
    return out.stream()
        .map(String::trim)
        .filter(l -> l.startsWith("./DevDetail/Ext/DMAgent/Features = "))
        .findFirst()
        .orElse("");
  }
}
