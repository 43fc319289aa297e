package io.dmagent.distribution;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Mosquitto on a free loopback port with persistence on, stopped and started again by the
 * test, and {@code mosquitto_sub} as the receiving server: a persistent session (clean session
 * false, QoS 1) printing each message as topic and payload in hex, one line each. Tests skip where
 * Mosquitto is missing, except under CI where they fail.
 */
final class ReportBroker implements AutoCloseable {
  private static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");
  private static final Path SUB = Path.of("/usr/bin/mosquitto_sub");
  private static final Path PUB = Path.of("/usr/bin/mosquitto_pub");

  private final Path dir;
  private final Path config;
  private final int port;
  private final List<byte[]> received = new CopyOnWriteArrayList<>();
  private Process broker;
  private Process subscriber;

  private ReportBroker(Path dir, Path config, int port) {
    this.dir = dir;
    this.config = config;
    this.port = port;
  }

  static ReportBroker start(Path dir) throws Exception {
    if (!Files.isExecutable(MOSQUITTO) || !Files.isExecutable(SUB)) {
      String why = "mosquitto and mosquitto-clients (Debian) are needed for the MQTT tests";
      if ("true".equals(System.getenv("CI"))) {
        fail(why);
      }
      Assumptions.abort(why);
    }
    int port = RunningAgent.freePort();
    Path data = Files.createDirectories(dir.resolve("data"));
    Path config =
        Files.write(
            dir.resolve("mosquitto.conf"),
            List.of(
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                "persistence true",
                "persistence_location " + data + "/",
                "max_queued_messages 0",
                "log_dest file " + dir.resolve("mosquitto.log")));
    ReportBroker m = new ReportBroker(dir, config, port);
    m.startBroker();
    return m;
  }

  String address() {
    return "127.0.0.1:" + port;
  }

  void startBroker() throws Exception {
    broker =
        new ProcessBuilder(MOSQUITTO.toString(), "-c", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.out").toFile()))
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        if (!broker.isAlive()) {
          fail("mosquitto exited: " + Files.readString(dir.resolve("mosquitto.out")));
        }
        Thread.sleep(50);
      }
    }
    fail("mosquitto did not listen on " + port);
  }

  /** Stops the subscriber (its session stays on the broker) and then the broker. */
  void stopBroker() throws InterruptedException {
    stopSubscriber();
    broker.destroy();
    if (!broker.waitFor(30, TimeUnit.SECONDS)) {
      broker.destroyForcibly().waitFor();
    }
  }

  /**
   * Connects the server's subscriber to {@code topic}; messages queued for its session while it was
   * away arrive first.
   */
  void subscribe(String topic) throws IOException {
    subscriber =
        new ProcessBuilder(
                SUB.toString(),
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(port),
                "-q",
                "1",
                "-c",
                "-i",
                "report-server",
                "-t",
                topic,
                "-F",
                "%x")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    Process p = subscriber;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))) {
                for (String line; (line = r.readLine()) != null; ) {
                  if (!line.isEmpty()) {
                    received.add(HexFormat.of().parseHex(line));
                  }
                }
              } catch (IOException gone) {
                // the subscriber was stopped
              }
            },
            "mosquitto-sub");
    reader.setDaemon(true);
    reader.start();
  }

  private void stopSubscriber() throws InterruptedException {
    if (subscriber != null && subscriber.isAlive()) {
      subscriber.destroy();
      subscriber.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Publishes {@code payload} QoS 1 to {@code topic} with the real {@code mosquitto_pub}. */
  void publish(String topic, byte[] payload) throws Exception {
    Path file = Files.write(Files.createTempFile(dir, "payload", ".bin"), payload);
    Process p =
        new ProcessBuilder(
                PUB.toString(),
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(port),
                "-q",
                "1",
                "-t",
                topic,
                "-f",
                file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      fail("mosquitto_pub failed: " + out);
    }
  }

  /** Every payload the subscriber printed so far, in arrival order. */
  List<byte[]> received() {
    return received;
  }

  @Override
  public void close() throws InterruptedException {
    stopSubscriber();
    if (broker != null) {
      broker.destroyForcibly().waitFor();
    }
  }
}
