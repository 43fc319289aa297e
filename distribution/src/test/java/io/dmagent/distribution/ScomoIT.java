package io.dmagent.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server upgrades a bundle through DM sessions, end to end on the assembled distribution: the
 * embedded reference server serves the package files (over HTTP and HTTPS) and runs the scripts
 * that add SCOMO's Download nodes and Exec their operations; the agent downloads (over HTTPS
 * trusting the demo CA, resuming after a dropped connection), checks the digest and the signer
 * against a trust store made here with keytool, installs, updates, rolls back, and reports each
 * outcome by Generic Alert with the Correlator. The distribution's own features are components too,
 * changed through the runtime with its checks.
 */
class ScomoIT {
  private static final String PASSWORD = "changeit";
  private static final String BSN = "com.example.meter";

  @TempDir Path dir;

  private Path home;
  private Path packages;
  private int packagePort;
  private int packageHttpsPort;
  private int pushPort;

  /** The image with SCOMO, HTTP push (the scripts wake the agent) and the package files. */
  private void prepare() throws Exception {
    home = RunningAgent.install(dir.resolve("home"));
    pushPort = RunningAgent.freePort();
    RunningAgent.movePort(home, 8088, pushPort);
    Files.writeString(
        home.resolve("config/io.dmagent.runtime.cfg"),
        "features=dm-core,dm-http,dm-server,dm-push-http,dm-scomo\n");
    packages = Files.createDirectories(home.resolve("packages"));
    packagePort = RunningAgent.freePort();
    packageHttpsPort = RunningAgent.freePort();
    // HTTPS with the demo server's certificate, which the shipped download configuration trusts.
    Files.writeString(
        home.resolve("config/io.dmagent.server.packages.cfg"),
        "folder=packages\nport="
            + packagePort
            + "\nhttpsPort="
            + packageHttpsPort
            + "\nkeyStore=${dmagent.data}/tls/server.p12\nkeyStorePassword=dmagent-demo\n");
    Files.writeString(home.resolve("config/io.dmagent.scomo.cfg"), "confirmSeconds=60\n");
    Path download = home.resolve("config/io.dmagent.download.cfg");
    Files.writeString(
        download,
        Files.readString(download)
                .replace(
                    "trustStore=etc/trust/packages.p12", "trustStore=config/trust/packages.p12")
                .replace("trustStorePassword=dmagent-packages", "trustStorePassword=" + PASSWORD)
            + "retryInitialMillis=200\n");
    keytool(
        "-genkeypair",
        "-alias",
        "signer",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=ACME Packages,O=ACME",
        "-validity",
        "30",
        "-keystore",
        dir.resolve("signer.p12").toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD,
        "-keypass",
        PASSWORD);
    keytool(
        "-exportcert",
        "-alias",
        "signer",
        "-keystore",
        dir.resolve("signer.p12").toString(),
        "-storepass",
        PASSWORD,
        "-file",
        dir.resolve("signer.cer").toString());
    Files.createDirectories(home.resolve("config/trust"));
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "signer",
        "-file",
        dir.resolve("signer.cer").toString(),
        "-keystore",
        home.resolve("config/trust/packages.p12").toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD);
  }

  private static void keytool(String... args) throws Exception {
    jdk("keytool", args);
  }

  private static void jdk(String tool, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", tool).toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(tool + " said: " + out).isZero();
  }

  /** A bundle of about 200 KB (so that a dropped download has something to resume), signed. */
  private Path signedBundle(String name, String version, Map<String, String> headers)
      throws Exception {
    Path jar = unsignedBundle(name, version, headers);
    jdk(
        "jarsigner",
        "-keystore",
        dir.resolve("signer.p12").toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD,
        jar.toString(),
        "signer");
    return jar;
  }

  private Path unsignedBundle(String name, String version, Map<String, String> headers)
      throws IOException {
    byte[] filler = new byte[200_000];
    new java.util.Random(version.hashCode()).nextBytes(filler);
    return TestBundles.jar(
        packages.resolve(name), BSN, version, headers, Map.of("data/filler.bin", filler));
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  /** Queues a script that adds a Download node for {@code jar} and Execs {@code operation}. */
  private void download(RunningAgent agent, String devId, String node, Path jar, String operation)
      throws Exception {
    download(agent, devId, node, "http://127.0.0.1:" + packagePort, jar, operation);
  }

  /** The same, the package fetched from {@code base} (the package server's HTTP or HTTPS port). */
  private void download(
      RunningAgent agent, String devId, String node, String base, Path jar, String operation)
      throws Exception {
    String script =
        "notify\n"
            + "add ./SCOMO/Download/"
            + node
            + "/PkgID chr "
            + node
            + "\n"
            + "add ./SCOMO/Download/"
            + node
            + "/PkgURL chr "
            + base
            + "/packages/"
            + jar.getFileName()
            + "\n"
            + "add ./SCOMO/Download/"
            + node
            + "/Ext/SHA256 chr "
            + sha256(jar)
            + "\n"
            + "package\n"
            + "exec --correlator c-"
            + node
            + " ./SCOMO/Download/"
            + node
            + "/Operations/"
            + operation
            + "\n";
    Files.writeString(home.resolve("server/scripts/" + node + ".dms"), script);
    List<String> run = agent.console("dmserver:run " + devId + " " + node);
    assertThat(run).noneMatch(l -> l.startsWith("error"));
    // A notification that crosses a session changing the server's nonce is refused (401), as the
    // protocol says; the script stays queued, so the server notifies again, as a real one would.
    for (int attempt = 0;
        attempt < 20 && run.stream().noneMatch(l -> l.contains("202 Accepted"));
        attempt++) {
      Thread.sleep(500);
      run = agent.console("dmserver:notify " + devId);
    }
    assertThat(run).anyMatch(l -> l.contains("202 Accepted"));
  }

  /** The agent's HTTP push listener accepts connections (Jetty starts after the agent is ready). */
  private void awaitPushListener() throws Exception {
    long until = System.nanoTime() + RunningAgent.PATIENCE.toNanos();
    while (true) {
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", pushPort)) {
        return;
      } catch (IOException notYet) {
        if (System.nanoTime() > until) {
          throw notYet;
        }
        Thread.sleep(200);
      }
    }
  }

  private static String devId(RunningAgent agent) throws Exception {
    String line =
        agent.console("dmserver:devices").stream()
            .filter(l -> l.contains("session(s)"))
            .findFirst()
            .orElseThrow();
    return line.substring(0, line.indexOf(' '));
  }

  /**
   * The agent's report line for the operation of Download node {@code node}: {@code SCOMO
   * ./SCOMO/Download/<node>/Operations/<op> of '<id>' for '<server>': <code> (<reason>)}.
   */
  private static String report(RunningAgent agent, String node, String id)
      throws InterruptedException {
    return agent.awaitLine(
        l ->
            l.contains("SCOMO ./SCOMO/Download/" + node + "/Operations/")
                && l.contains(" of '" + id + "'"));
  }

  /** Waits until the server received the alert with {@code correlator}; returns its line. */
  private static String alertAtServer(RunningAgent agent, String devId, String correlator)
      throws Exception {
    long until = System.nanoTime() + RunningAgent.PATIENCE.toNanos();
    while (System.nanoTime() < until) {
      // The last session's record: a Generic Alert shows there once its session has ended, so
      // the next script is queued for a session that starts after it.
      for (String line : agent.console("dmserver:results " + devId)) {
        if (line.contains("correlator " + correlator)) {
          return line;
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the server received no alert with correlator " + correlator);
  }

  private static String tree(RunningAgent agent, String uri) throws Exception {
    return String.join("\n", agent.console("dm:get " + uri));
  }

  /** Queues a script that Execs {@code uri} with the Correlator {@code c-<name>}. */
  private void exec(RunningAgent agent, String devId, String name, String uri) throws Exception {
    Files.writeString(
        home.resolve("server/scripts/" + name + ".dms"),
        "notify\nexec --correlator c-" + name + " " + uri + "\n");
    List<String> run = agent.console("dmserver:run " + devId + " " + name);
    assertThat(run).noneMatch(l -> l.startsWith("error"));
    for (int attempt = 0;
        attempt < 20 && run.stream().noneMatch(l -> l.contains("202 Accepted"));
        attempt++) {
      Thread.sleep(500);
      run = agent.console("dmserver:notify " + devId);
    }
    assertThat(run).anyMatch(l -> l.contains("202 Accepted"));
  }

  /** The agent's report line for operation {@code op} of the distribution feature {@code name}. */
  private static String featureReport(RunningAgent agent, String name, String op, int nth)
      throws InterruptedException {
    return featureReport(agent, "Deployed", name, op, nth);
  }

  /** The same, on the feature's node under Inventory/{@code place}. */
  private static String featureReport(
      RunningAgent agent, String place, String name, String op, int nth)
      throws InterruptedException {
    String prefix =
        "SCOMO ./SCOMO/Inventory/" + place + "/feature." + name + "/Operations/" + op + " of '";
    long until = System.nanoTime() + RunningAgent.PATIENCE.toNanos();
    while (System.nanoTime() < until) {
      List<String> found = agent.lines().stream().filter(l -> l.contains(prefix)).toList();
      if (found.size() >= nth) {
        return found.get(nth - 1);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no report " + nth + " of " + op + " on feature." + name);
  }

  /** Waits until the tree shows {@code expected} at {@code uri}; returns what it shows last. */
  private static String awaitTree(RunningAgent agent, String uri, String expected)
      throws Exception {
    long until = System.nanoTime() + RunningAgent.PATIENCE.toNanos();
    String now = tree(agent, uri);
    while (!now.contains(expected) && System.nanoTime() < until) {
      Thread.sleep(200);
      now = tree(agent, uri);
    }
    return now;
  }

  @Test
  void
      the_distribution_s_features_are_listed_changed_through_the_runtime_and_the_last_transport_stays()
          throws Exception {
    prepare();
    Files.writeString(
        home.resolve("config/io.dmagent.runtime.cfg"),
        "features=dm-core,dm-http,dm-server,dm-push-http,dm-scomo,dm-policy\n");
    String inventory = "./SCOMO/Inventory/Deployed";
    String deployed = inventory + "/";
    try (RunningAgent agent = RunningAgent.startWithConsole(home)) {
      agent.awaitLine(l -> l.contains("with dmagent-demo ended: completed"));
      awaitPushListener();
      String devId = devId(agent);

      assertThat(agent.console("dm:get " + inventory))
          .anyMatch(l -> l.contains("feature.dm-core"))
          .anyMatch(l -> l.contains("feature.dm-http"))
          .anyMatch(l -> l.contains("feature.dm-policy"));
      assertThat(tree(agent, deployed + "feature.dm-http/State")).contains("20");
      assertThat(tree(agent, deployed + "feature.dm-core/Ext/Kind")).contains("feature");

      exec(agent, devId, "policy-off", deployed + "feature.dm-policy/Operations/Deactivate");
      assertThat(featureReport(agent, "dm-policy", "Deactivate", 1)).endsWith(": 1200");
      assertThat(alertAtServer(agent, devId, "c-policy-off")).isNotBlank();
      assertThat(awaitTree(agent, deployed + "feature.dm-policy/State", "10")).contains("10");
      assertThat(agent.console("dm:feature list")).noneMatch(l -> l.startsWith("* dm-policy"));

      exec(agent, devId, "policy-on", deployed + "feature.dm-policy/Operations/Activate");
      assertThat(featureReport(agent, "dm-policy", "Activate", 1)).endsWith(": 1200");
      assertThat(awaitTree(agent, deployed + "feature.dm-policy/State", "20")).contains("20");
      assertThat(agent.console("dm:feature list")).anyMatch(l -> l.startsWith("* dm-policy"));
      assertThat(awaitTree(agent, deployed + "io.dmagent.policy/State", "20")).contains("20");

      exec(agent, devId, "http-off", deployed + "feature.dm-http/Operations/Remove");
      String refused = featureReport(agent, "dm-http", "Remove", 1);

      assertThat(refused)
          .contains(": 1408")
          .contains("refused: the set")
          .contains("leaves no way to reach a DM server");
      // The refusal reached the server in a session of its own: the agent is still reachable.
      assertThat(alertAtServer(agent, devId, "c-http-off")).isNotBlank();
      assertThat(tree(agent, deployed + "feature.dm-http/State")).contains("20");
      assertThat(tree(agent, deployed + "feature.dm-http/Status")).contains("20");
      assertThat(agent.console("dm:feature list")).anyMatch(l -> l.startsWith("* dm-http"));

      // A change at the console shows in the inventory too.
      assertThat(agent.console("dm:feature uninstall dm-policy"))
          .anyMatch(l -> l.startsWith("uninstalled feature dm-policy"));
      long until = System.nanoTime() + RunningAgent.PATIENCE.toNanos();
      while (agent.console("dm:get " + inventory).stream()
              .anyMatch(l -> l.contains("feature.dm-policy"))
          && System.nanoTime() < until) {
        Thread.sleep(200);
      }
      assertThat(agent.console("dm:get " + inventory))
          .noneMatch(l -> l.contains("feature.dm-policy"));

      // Not running, it is a delivered component, and a server installs it from there.
      String delivered = "./SCOMO/Inventory/Delivered/feature.dm-policy";
      assertThat(awaitTree(agent, delivered + "/State", "10")).contains("10");
      exec(agent, devId, "policy-install", delivered + "/Operations/Install");
      assertThat(featureReport(agent, "Delivered", "dm-policy", "Install", 1)).endsWith(": 1200");
      assertThat(awaitTree(agent, deployed + "feature.dm-policy/State", "20")).contains("20");
      assertThat(agent.console("dm:feature list")).anyMatch(l -> l.startsWith("* dm-policy"));
    }
  }

  @Test
  void a_signed_bundle_is_downloaded_installed_updated_and_a_broken_update_rolls_back_by_itself()
      throws Exception {
    prepare();
    Path v1 = signedBundle("meter-1.0.0.jar", "1.0.0", Map.of());
    Path v2 = signedBundle("meter-2.0.0.jar", "2.0.0", Map.of());
    Path broken =
        signedBundle("meter-3.0.0.jar", "3.0.0", Map.of("Import-Package", "com.example.missing"));
    try (RunningAgent agent = RunningAgent.startWithConsole(home)) {
      agent.awaitLine(l -> l.contains("with dmagent-demo ended: completed"));
      awaitPushListener();
      String devId = devId(agent);

      // Over HTTPS (the demo CA trusted by the download bundle), dropped once and resumed.
      agent.console("dmserver:packages drop 50000");
      download(
          agent, devId, "meter1", "https://127.0.0.1:" + packageHttpsPort, v1, "DownloadInstall");
      assertThat(report(agent, "meter1", BSN)).endsWith(": 1200");
      assertThat(alertAtServer(agent, devId, "c-meter1")).isNotBlank();
      assertThat(agent.lines())
          .anyMatch(l -> l.contains("download scomo.meter1: from 'https://127.0.0.1:"))
          .anyMatch(l -> l.contains("dropped the connection after 50000 of"))
          .anyMatch(l -> l.contains("download scomo.meter1: ") && l.contains("; attempt 2 in"));
      assertThat(tree(agent, "./SCOMO/Inventory/Deployed/" + BSN + "/Version")).contains("1.0.0");
      assertThat(tree(agent, "./SCOMO/Inventory/Deployed/" + BSN + "/State")).contains("20");
      assertThat(tree(agent, "./SCOMO/Inventory/Deployed/" + BSN + "/Ext/Signer"))
          .contains("CN=ACME Packages");

      download(agent, devId, "meter2", v2, "DownloadInstall");
      assertThat(report(agent, "meter2", BSN)).endsWith(": 1200");
      assertThat(alertAtServer(agent, devId, "c-meter2")).isNotBlank();
      assertThat(tree(agent, "./SCOMO/Inventory/Deployed/" + BSN + "/Version")).contains("2.0.0");

      download(agent, devId, "meter3", broken, "DownloadInstall");
      String refused = report(agent, "meter3", "meter3");

      assertThat(refused).contains(": 1405").contains("does not resolve");
      assertThat(alertAtServer(agent, devId, "c-meter3")).isNotBlank();
      assertThat(tree(agent, "./SCOMO/Inventory/Deployed/" + BSN + "/Version")).contains("2.0.0");
      assertThat(tree(agent, "./SCOMO/Inventory/Deployed/" + BSN + "/State")).contains("20");
    }
  }

  @Test
  void a_bundle_scomo_installed_runs_again_after_a_restart_installed_once() throws Exception {
    prepare();
    Path v1 = signedBundle("meter-1.0.0.jar", "1.0.0", Map.of());
    try (RunningAgent agent = RunningAgent.startWithConsole(home)) {
      agent.awaitLine(l -> l.contains("with dmagent-demo ended: completed"));
      awaitPushListener();
      String devId = devId(agent);
      download(agent, devId, "meter1", v1, "DownloadInstall");
      assertThat(report(agent, "meter1", BSN)).endsWith(": 1200");
      assertThat(alertAtServer(agent, devId, "c-meter1")).isNotBlank();
      agent.terminate();
    }

    // The framework cache is kept: the bundle is still installed, and started, once.
    try (RunningAgent agent = RunningAgent.startWithConsole(home)) {
      agent.awaitLine("DM Agent ready");
      assertThat(agent.console("lb -s " + BSN).stream().filter(l -> l.contains(BSN)))
          .singleElement()
          .satisfies(l -> assertThat(l).contains("Active"));
      assertThat(tree(agent, "./SCOMO/Inventory/Deployed/" + BSN + "/Version")).contains("1.0.0");
      assertThat(tree(agent, "./SCOMO/Inventory/Deployed/" + BSN + "/State")).contains("20");
    }
  }

  @Test
  void an_update_after_which_no_session_completes_is_rolled_back_by_itself_and_the_server_told_why()
      throws Exception {
    prepare();
    Files.writeString(home.resolve("config/io.dmagent.scomo.cfg"), "confirmSeconds=15\n");
    Path v1 = signedBundle("meter-1.0.0.jar", "1.0.0", Map.of());
    String activator =
        io.dmagent.distribution.fixture.TransportBreaker.class.getName().replace('.', '/')
            + ".class";
    byte[] activatorClass;
    try (var in = getClass().getClassLoader().getResourceAsStream(activator)) {
      activatorClass = in.readAllBytes();
    }
    Path v2 = packages.resolve("meter-2.0.0.jar");
    TestBundles.jar(
        v2,
        BSN,
        "2.0.0",
        Map.of(
            "Bundle-Activator",
            io.dmagent.distribution.fixture.TransportBreaker.class.getName(),
            "Import-Package",
            "org.osgi.framework"),
        Map.of(activator, activatorClass));
    jdk(
        "jarsigner",
        "-keystore",
        dir.resolve("signer.p12").toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD,
        v2.toString(),
        "signer");
    try (RunningAgent agent = RunningAgent.startWithConsole(home)) {
      agent.awaitLine(l -> l.contains("with dmagent-demo ended: completed"));
      awaitPushListener();
      String devId = devId(agent);
      download(agent, devId, "meter1", v1, "DownloadInstall");
      assertThat(report(agent, "meter1", BSN)).endsWith(": 1200");

      download(agent, devId, "meter2", v2, "DownloadInstall");
      String rolledBack = report(agent, "meter2", BSN);

      assertThat(rolledBack)
          .contains(": 1405")
          .contains("no session with dmagent-demo completed within the confirmation time")
          .contains("the previous version is back");
      assertThat(alertAtServer(agent, devId, "c-meter2")).isNotBlank();
      assertThat(tree(agent, "./SCOMO/Inventory/Deployed/" + BSN + "/Version")).contains("1.0.0");
    }
  }

  @Test
  void the_protocol_bundle_is_updated_between_sessions_with_no_tree_data_lost_and_no_old_code_left()
      throws Exception {
    prepare();
    Path protocol = rebuiltProtocol(packages.resolve("protocol-0.1.1.jar"), "0.1.1");
    jdk(
        "jarsigner",
        "-keystore",
        dir.resolve("signer.p12").toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD,
        protocol.toString(),
        "signer");
    try (RunningAgent agent = RunningAgent.startWithConsole(home)) {
      agent.awaitLine(l -> l.contains("with dmagent-demo ended: completed"));
      awaitPushListener();
      String devId = devId(agent);
      agent.console("dm:set ./Vendor/ScomoTest/Before kept-across-the-update");
      long pid = agentPid();
      assertThat(loadersOf(pid, "io.dmagent.protocol.ProtocolService")).isEqualTo(1);

      download(agent, devId, "proto", protocol, "DownloadInstall");
      String updated = report(agent, "proto", "io.dmagent.protocol");

      assertThat(updated).endsWith(": 1200");
      assertThat(alertAtServer(agent, devId, "c-proto")).isNotBlank();
      assertThat(tree(agent, "./SCOMO/Inventory/Deployed/io.dmagent.protocol/Version"))
          .contains("0.1.1");
      assertThat(tree(agent, "./Vendor/ScomoTest/Before")).contains("kept-across-the-update");
      assertThat(loadersOf(pid, "io.dmagent.protocol.ProtocolService"))
          .as("class loaders holding the protocol's classes after the update and a full GC")
          .isEqualTo(1);
    }
  }

  /** The distribution's protocol bundle with another Bundle-Version (its signature left out). */
  private Path rebuiltProtocol(Path target, String version) throws IOException {
    Path original;
    try (var files = Files.walk(home.resolve("system/io/dmagent/io.dmagent.protocol"))) {
      original = files.filter(f -> f.toString().endsWith(".jar")).findFirst().orElseThrow();
    }
    try (var in = new java.util.jar.JarInputStream(Files.newInputStream(original));
        var out = Files.newOutputStream(target)) {
      java.util.jar.Manifest mf = in.getManifest();
      mf.getMainAttributes().putValue("Bundle-Version", version);
      try (var jar = new java.util.jar.JarOutputStream(out, mf)) {
        for (var e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
          jar.putNextEntry(new java.util.jar.JarEntry(e.getName()));
          in.transferTo(jar);
          jar.closeEntry();
        }
      }
    }
    return target;
  }

  /** The agent's JVM (bin/dmagent execs java with the home on its command line). */
  private long agentPid() {
    String marker = home.toString();
    return ProcessHandle.allProcesses()
        .filter(
            p ->
                p.info()
                    .commandLine()
                    .map(c -> c.contains(marker) && c.contains("java"))
                    .orElse(false))
        .mapToLong(ProcessHandle::pid)
        .findFirst()
        .orElseThrow();
  }

  /** After a full GC, how many class loaders of the JVM have loaded {@code className}. */
  private static long loadersOf(long pid, String className) throws Exception {
    jcmd(pid, "GC.run");
    String listing = jcmd(pid, "VM.classloaders", "show-classes");
    return listing
        .lines()
        .filter(l -> java.util.Arrays.asList(l.trim().split("\\s+")).contains(className))
        .count();
  }

  private static String jcmd(long pid, String... command) throws Exception {
    List<String> line = new java.util.ArrayList<>();
    line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    line.add(Long.toString(pid));
    line.addAll(List.of(command));
    Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("jcmd said: " + out).isZero();
    return out;
  }

  @Test
  void an_unsigned_or_tampered_jar_is_refused_before_anything_is_installed() throws Exception {
    prepare();
    Path unsigned = unsignedBundle("meter-unsigned.jar", "1.0.0", Map.of());
    Path tampered = signedBundle("meter-tampered.jar", "1.0.1", Map.of());
    tamper(tampered);
    try (RunningAgent agent = RunningAgent.startWithConsole(home)) {
      agent.awaitLine(l -> l.contains("with dmagent-demo ended: completed"));
      awaitPushListener();
      String devId = devId(agent);

      download(agent, devId, "unsigned", unsigned, "DownloadInstall");
      String unsignedReport = report(agent, "unsigned", "unsigned");
      download(agent, devId, "tampered", tampered, "DownloadInstall");
      String tamperedReport = report(agent, "tampered", "tampered");

      assertThat(unsignedReport).contains(": 1407").contains("not signed");
      assertThat(tamperedReport).contains(": 1407");
      assertThat(alertAtServer(agent, devId, "c-tampered")).isNotBlank();
      assertThat(agent.console("dm:get ./SCOMO/Inventory/Deployed"))
          .noneMatch(l -> l.contains(BSN));
    }
  }

  /** Changes one byte of the filler entry, re-zipped: the signature no longer matches. */
  private static void tamper(Path jar) throws IOException {
    Path out = jar.resolveSibling("tampered.tmp");
    try (var in = new java.util.jar.JarInputStream(Files.newInputStream(jar));
        var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(out))) {
      zip.putNextEntry(new java.util.zip.ZipEntry("META-INF/MANIFEST.MF"));
      in.getManifest().write(zip);
      zip.closeEntry();
      for (var e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
        byte[] content = in.readAllBytes();
        if (e.getName().equals("data/filler.bin")) {
          content[1000] ^= 1;
        }
        zip.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
        zip.write(content);
        zip.closeEntry();
      }
    }
    Files.move(out, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
