package io.dmagent.pushmqtt;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Mosquitto on a free loopback port, started from a generated configuration with persistence
 * on (sessions and queued QoS 1 messages survive a restart), stopped by {@link #close()}. Tests
 * skip where Mosquitto is missing, except under CI where they fail.
 */
final class MosquittoBroker implements AutoCloseable {
  static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");
  static final Path PUB = Path.of("/usr/bin/mosquitto_pub");
  static final Path SUB = Path.of("/usr/bin/mosquitto_sub");
  static final Path PASSWD = Path.of("/usr/bin/mosquitto_passwd");

  private final Path dir;
  private final Path config;
  private final int port;
  private Process process;

  private MosquittoBroker(Path dir, Path config, int port) {
    this.dir = dir;
    this.config = config;
    this.port = port;
  }

  static void assumeInstalled() {
    boolean present =
        Files.isExecutable(MOSQUITTO) && Files.isExecutable(PUB) && Files.isExecutable(SUB);
    if (!present) {
      String why = "mosquitto and mosquitto-clients (Debian) are needed for the MQTT broker tests";
      if ("true".equals(System.getenv("CI"))) {
        fail(why);
      }
      Assumptions.abort(why);
    }
  }

  /** Anonymous access. */
  static MosquittoBroker start(Path dir) throws Exception {
    return start(dir, List.of("allow_anonymous true"));
  }

  /** Only {@code user} with {@code password}. */
  static MosquittoBroker startWithPassword(Path dir, String user, String password)
      throws Exception {
    Path passwords = dir.resolve("passwords");
    run(List.of(PASSWD.toString(), "-b", "-c", passwords.toString(), user, password));
    return start(dir, List.of("allow_anonymous false", "password_file " + passwords));
  }

  /**
   * TLS only, with a server certificate for 127.0.0.1 from a CA made here by openssl; the CA is
   * left as {@code ca.crt} (PEM) and {@code trust.p12} (PKCS12, password {@code changeit}).
   */
  static MosquittoBroker startWithTls(Path dir) throws Exception {
    Path openssl = Path.of("/usr/bin/openssl");
    Assumptions.assumeTrue(Files.isExecutable(openssl), "openssl makes the test certificates");
    String d = dir.toString() + "/";
    run(
        List.of(
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=push-mqtt test CA",
            "-keyout",
            d + "ca.key",
            "-out",
            d + "ca.crt"));
    run(
        List.of(
            "openssl",
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-subj",
            "/CN=127.0.0.1",
            "-keyout",
            d + "server.key",
            "-out",
            d + "server.csr"));
    Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
    run(
        List.of(
            "openssl",
            "x509",
            "-req",
            "-in",
            d + "server.csr",
            "-CA",
            d + "ca.crt",
            "-CAkey",
            d + "ca.key",
            "-CAcreateserial",
            "-days",
            "1",
            "-extfile",
            d + "san.ext",
            "-out",
            d + "server.crt"));
    run(
        List.of(
            "keytool",
            "-importcert",
            "-noprompt",
            "-alias",
            "ca",
            "-file",
            d + "ca.crt",
            "-keystore",
            d + "trust.p12",
            "-storetype",
            "PKCS12",
            "-storepass",
            "changeit"));
    return start(
        dir,
        List.of(
            "allow_anonymous true",
            "cafile " + d + "ca.crt",
            "certfile " + d + "server.crt",
            "keyfile " + d + "server.key"));
  }

  String sslUri() {
    return "ssl://127.0.0.1:" + port;
  }

  private static MosquittoBroker start(Path dir, List<String> access) throws Exception {
    assumeInstalled();
    int port = freePort();
    Path data = Files.createDirectories(dir.resolve("data"));
    List<String> lines = new ArrayList<>();
    lines.add("listener " + port + " 127.0.0.1");
    lines.addAll(access);
    lines.add("user " + System.getProperty("user.name"));
    lines.add("persistence true");
    lines.add("persistence_location " + data + "/");
    lines.add("max_queued_messages 0");
    lines.add("log_dest file " + dir.resolve("mosquitto.log"));
    Path config = Files.write(dir.resolve("mosquitto.conf"), lines);
    MosquittoBroker broker = new MosquittoBroker(dir, config, port);
    broker.startProcess();
    return broker;
  }

  int port() {
    return port;
  }

  String tcpUri() {
    return "tcp://127.0.0.1:" + port;
  }

  void startProcess() throws Exception {
    process =
        new ProcessBuilder(MOSQUITTO.toString(), "-c", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("mosquitto.out").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        if (!process.isAlive()) {
          fail("mosquitto exited: " + Files.readString(dir.resolve("mosquitto.out")));
        }
        Thread.sleep(20);
      }
    }
    fail("mosquitto did not listen on " + port);
  }

  /** SIGTERM: Mosquitto writes its persistence file and exits. */
  void stopProcess() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  /** Publishes the bytes of {@code file} QoS 1 with the real mosquitto_pub. */
  void publishFile(String topic, Path file, String... credentials) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(PUB.toString(), "-h", "127.0.0.1"));
    cmd.addAll(List.of("-p", String.valueOf(port), "-q", "1", "-t", topic, "-f", file.toString()));
    cmd.addAll(List.of(credentials));
    run(cmd);
  }

  /** A mosquitto_sub printing each message of {@code topic} on its own line. */
  Process subscribe(String topic) throws IOException {
    return new ProcessBuilder(
            SUB.toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-q", "1", "-t", topic)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  private static void run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
      fail(command.get(0) + " failed: " + out);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    stopProcess();
  }
}
