package io.dmagent.pushmqtt;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sessionless report delivery over MQTT to a local Mosquitto (started here on a free loopback
 * port): the binding's {@code ReportChannel.deliver} ({@code deliver}: QoS 1 publish over the
 * binding's connection, returning at the PUBACK) against raw Paho publishing the same payload QoS 1
 * to the same broker and waiting for its PUBACK ({@code rawPaho}): the ceiling. Both with the same
 * number of concurrent callers ({@code -t}, 16 unless given), each caller waiting for its own
 * acknowledgement before the next, as the sessionless sender's pipelined workers do.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(16)
@State(Scope.Benchmark)
public class ReportDeliveryBenchmark {
  private static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");
  private static final String DEV_ID = "IMEI:bench";
  private static final String TOPIC = "dm/" + DEV_ID + "/reports";

  /** A report envelope of the usual size: headers, then a DM message with one Generic Alert. */
  private static final byte[] REPORT = envelope();

  private Path dir;
  private Process broker;
  private MqttConnection connection;
  private ReportPublisher publisher;
  private URI address;
  private MqttAsyncClient raw;

  private static byte[] envelope() {
    String message = "<SyncML>" + "x".repeat(330) + "</SyncML>";
    return ("x-syncml-hmac: algorithm=MD5, username=\"IMEI:bench\", mac=AAAAAAAAAAAAAAAAAAAAAA==\r\n"
            + "x-dm-timestamp: 1765100000000\r\n"
            + "x-dm-report-ids: 1\r\n"
            + "Content-Type: application/vnd.syncml.dm+xml\r\n\r\n"
            + message)
        .getBytes(StandardCharsets.US_ASCII);
  }

  @Setup
  public void start() throws Exception {
    if (!Files.isExecutable(MOSQUITTO)) {
      throw new IllegalStateException("needs Mosquitto (Debian package mosquitto) at " + MOSQUITTO);
    }
    int port = freePort();
    dir = Files.createTempDirectory("mqtt-bench");
    Path conf =
        Files.write(
            dir.resolve("mosquitto.conf"),
            List.of(
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                "user " + System.getProperty("user.name")));
    broker =
        new ProcessBuilder(MOSQUITTO.toString(), "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("mosquitto.out").toFile())
            .start();
    awaitPort(port);
    Broker target = Broker.of("tcp://127.0.0.1:" + port);
    connection =
        new MqttConnection(
            new ConnectionSettings(
                target,
                "dmagent-bench",
                "",
                new char[0],
                null,
                "dm/" + DEV_ID + "/push",
                60,
                1000,
                10,
                1000),
            (topic, payload) -> {},
            new MqttConnection.Events() {
              @Override
              public void subscribed() {}

              @Override
              public void lost() {}
            },
            line -> {},
            System.err::println);
    connection.start();
    publisher = new ReportPublisher(target, TOPIC, connection::publish, 1000, 30_000);
    address = URI.create("mqtt://127.0.0.1:" + port + "/" + TOPIC);
    raw = new MqttAsyncClient(target.pahoUri(), "raw-paho-bench", new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMaxInflight(1000);
    raw.connect(options).waitForCompletion(10_000);
    for (int i = 0; i < 200 && !connection.isConnected(); i++) {
      Thread.sleep(50);
    }
    if (!connection.isConnected()) {
      throw new IllegalStateException("the binding did not connect to Mosquitto");
    }
  }

  @TearDown
  public void stop() throws Exception {
    raw.disconnect().waitForCompletion(5_000);
    raw.close();
    connection.close();
    broker.destroy();
    broker.waitFor(10, TimeUnit.SECONDS);
  }

  @Benchmark
  public void deliver() throws IOException {
    publisher.deliver(address, REPORT);
  }

  /** Raw Paho, waiting out its lagging in-flight count as any caller must (paho.mqtt.java#551). */
  @Benchmark
  public void rawPaho() throws Exception {
    while (true) {
      try {
        raw.publish(TOPIC, REPORT, 1, false).waitForCompletion(30_000);
        return;
      } catch (MqttException e) {
        if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT) {
          throw e;
        }
        LockSupport.parkNanos(200_000);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void awaitPort(int port) throws Exception {
    for (int i = 0; i < 400; i++) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(25);
      }
    }
    throw new IllegalStateException("mosquitto did not listen on " + port);
  }
}
