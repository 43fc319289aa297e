package io.dmagent.pushmqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.push.PushMessage;
import io.dmagent.api.testing.RecordingPushReceiver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The binding against a real Mosquitto, with pushes sent by the real mosquitto_pub. */
class MqttBindingBrokerTest {
  private static final String DEV_ID = "IMEI:490154203237518";
  private static final String PUSH_TOPIC = "dm/" + DEV_ID + "/push";
  private static final String REPORT_TOPIC = "dm/" + DEV_ID + "/reports";
  private static final int MAX_MESSAGE = 4096;

  @TempDir Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();
  private final RecordingPushReceiver receiver = new RecordingPushReceiver(MAX_MESSAGE);
  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
  private final List<String> infos = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void needsMosquitto() {
    MosquittoBroker.assumeInstalled();
  }

  @AfterEach
  void closeAll() throws Exception {
    Collections.reverse(open);
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private MosquittoBroker broker() throws Exception {
    return keep(MosquittoBroker.start(Files.createDirectories(dir.resolve("broker"))));
  }

  private <T extends AutoCloseable> T keep(T closeable) {
    open.add(closeable);
    return closeable;
  }

  private MqttConnection connect(MosquittoBroker broker, String user, String password)
      throws Exception {
    return connect(broker.tcpUri(), null, user, password);
  }

  private MqttConnection connect(
      String brokerUri, javax.net.SocketFactory sockets, String user, String password)
      throws Exception {
    ConnectionSettings settings =
        new ConnectionSettings(
            Broker.of(brokerUri),
            "dmagent-test-" + System.nanoTime(),
            user,
            password.toCharArray(),
            sockets,
            PUSH_TOPIC,
            30,
            1000,
            5,
            3000);
    PushForwarder forwarder = new PushForwarder(receiver, warnings::add);
    MqttConnection connection =
        new MqttConnection(
            settings,
            forwarder::arrived,
            new MqttConnection.Events() {
              @Override
              public void subscribed() {
                events.add("subscribed");
              }

              @Override
              public void lost() {
                events.add("lost");
              }
            },
            infos::add,
            warnings::add);
    keep(connection);
    connection.start();
    return connection;
  }

  private MqttConnection connectedBinding(MosquittoBroker broker) throws Exception {
    return connectedBinding(broker, "", "");
  }

  private MqttConnection connectedBinding(MosquittoBroker broker, String user, String password)
      throws Exception {
    MqttConnection connection = connect(broker, user, password);
    assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("subscribed");
    return connection;
  }

  private Path file(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  private static byte[] frame(String contentType, byte[] body) {
    byte[] head = ("Content-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }

  private static byte[] binaryBody() {
    byte[] body = new byte[300];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) (i * 7 + 0x80);
    }
    body[10] = '\r';
    body[11] = '\n';
    body[12] = 0;
    return body;
  }

  @Test
  void push_published_with_mosquitto_pub_reaches_the_receiver_exactly() throws Exception {
    MosquittoBroker broker = broker();
    connectedBinding(broker);
    byte[] body = binaryBody();

    broker.publishFile(
        PUSH_TOPIC, file("push.bin", frame("application/vnd.syncml.dm.notification", body)));

    PushMessage push = receiver.next();
    assertThat(push).isNotNull();
    assertThat(push.binding()).isEqualTo("mqtt");
    assertThat(push.contentType()).isEqualTo("application/vnd.syncml.dm.notification");
    assertThat(push.body()).isEqualTo(body);
    assertThat(push.origin()).contains(PUSH_TOPIC);
  }

  @Test
  void bare_payload_is_handed_on_as_a_dm12_notification() throws Exception {
    MosquittoBroker broker = broker();
    connectedBinding(broker);
    byte[] body = binaryBody();

    broker.publishFile(PUSH_TOPIC, file("bare.bin", body));

    PushMessage push = receiver.next();
    assertThat(push.contentType()).isEqualTo("application/vnd.syncml.notification");
    assertThat(push.body()).isEqualTo(body);
  }

  @Test
  void malformed_and_oversize_frames_are_dropped_with_one_line_each_and_the_next_push_arrives()
      throws Exception {
    MosquittoBroker broker = broker();
    connectedBinding(broker);
    byte[] noEmptyLine = "Content-Type: application/vnd.syncml.notification\r\nxyz".getBytes();
    byte[] oversize = frame("application/vnd.syncml.notification", new byte[MAX_MESSAGE + 1]);

    broker.publishFile(PUSH_TOPIC, file("bad1.bin", noEmptyLine));
    broker.publishFile(PUSH_TOPIC, file("bad2.bin", oversize));
    broker.publishFile(PUSH_TOPIC, file("good.bin", frame("text/x-after", new byte[] {1, 2})));

    PushMessage push = receiver.next();
    assertThat(push.contentType()).isEqualTo("text/x-after");
    assertThat(receiver.pending()).isEmpty();
    assertThat(warnings)
        .hasSize(2)
        .anySatisfy(w -> assertThat(w).contains("no empty line"))
        .anySatisfy(w -> assertThat(w).contains("larger than"));
  }

  @Test
  void push_published_while_the_broker_restarted_arrives_after_the_binding_reconnects_by_itself()
      throws Exception {
    MosquittoBroker broker = broker();
    MqttConnection connection = connectedBinding(broker);

    broker.stopProcess();
    assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("lost");
    Thread.sleep(1_600); // attempts at 0.5 s and 1.5 s fail; the next waits 2 s more
    broker.startProcess();
    byte[] body = binaryBody();
    broker.publishFile(PUSH_TOPIC, file("away.bin", frame("application/x-away", body)));
    boolean connectedWhenPublished = connection.isConnected();

    assertThat(events.poll(15, TimeUnit.SECONDS)).isEqualTo("subscribed");
    PushMessage push = receiver.next();
    assertThat(push).as("the push published while away").isNotNull();
    assertThat(connectedWhenPublished).as("published while the binding was away").isFalse();
    assertThat(push.contentType()).isEqualTo("application/x-away");
    assertThat(push.body()).isEqualTo(body);
    assertThat(warnings).filteredOn(w -> w.contains("connection lost")).hasSize(1);
    assertThat(infos).filteredOn(w -> w.contains("connected again")).hasSize(1);
  }

  @Test
  void broker_with_passwords_takes_the_configured_credentials_and_refuses_wrong_ones()
      throws Exception {
    MosquittoBroker broker =
        keep(
            MosquittoBroker.startWithPassword(
                Files.createDirectories(dir.resolve("secured")), "gateway", "s3cret-pass"));
    MqttConnection wrong = connect(broker, "gateway", "not-the-password");
    Thread.sleep(1_000);
    assertThat(wrong.isConnected()).isFalse();
    assertThat(events).isEmpty();
    assertThat(String.join("\n", warnings)).doesNotContain("not-the-password");
    wrong.close();

    connectedBinding(broker, "gateway", "s3cret-pass");
    broker.publishFile(
        PUSH_TOPIC,
        file("auth.bin", frame("application/x-auth", new byte[] {9})),
        "-u",
        "gateway",
        "-P",
        "s3cret-pass");

    assertThat(receiver.next().contentType()).isEqualTo("application/x-auth");
  }

  @Test
  void
      tls_broker_is_reached_with_the_configured_trust_store_and_not_without_it_or_a_wrong_password()
          throws Exception {
    Path tlsDir = Files.createDirectories(dir.resolve("tls"));
    MosquittoBroker broker = keep(MosquittoBroker.startWithTls(tlsDir));
    String trustStore = tlsDir.resolve("trust.p12").toString();
    assertThatThrownBy(
            () -> TlsSockets.factory(trustStore, "wrong-secret".toCharArray(), "", new char[0]))
        .isInstanceOf(IOException.class)
        .hasMessageNotContaining("wrong-secret");

    MqttConnection untrusting =
        connect(broker.sslUri(), TlsSockets.factory("", new char[0], "", new char[0]), "", "");
    Thread.sleep(1_000);
    assertThat(untrusting.isConnected()).isFalse();
    assertThat(events).isEmpty();
    untrusting.close();

    connect(
        broker.sslUri(),
        TlsSockets.factory(trustStore, "changeit".toCharArray(), "", new char[0]),
        "",
        "");
    assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("subscribed");
    broker.publishFile(
        PUSH_TOPIC,
        file("tls.bin", frame("application/x-tls", new byte[] {7})),
        "--cafile",
        tlsDir.resolve("ca.crt").toString());

    assertThat(receiver.next().contentType()).isEqualTo("application/x-tls");
  }

  @Test
  void thousand_concurrent_reports_are_all_acknowledged_and_arrive_in_order_per_sender()
      throws Exception {
    MosquittoBroker broker = broker();
    MqttConnection connection = connectedBinding(broker);
    ReportPublisher reports =
        new ReportPublisher(
            Broker.of(broker.tcpUri()), REPORT_TOPIC, connection::publish, 1000, 10_000);
    URI address = URI.create("mqtt://127.0.0.1:" + broker.port() + "/" + REPORT_TOPIC);
    Process sub = broker.subscribe(REPORT_TOPIC);
    keep(sub::destroy);
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> readLines(sub, lines));
    reader.start();
    awaitSubscriber(reports, address, lines);

    int senders = 50;
    int each = 20;
    ExecutorService pool = Executors.newFixedThreadPool(senders);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < senders; t++) {
        int sender = t;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    reports.deliver(address, ("r " + sender + " " + i).getBytes());
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    Map<Integer, List<Integer>> seen = new HashMap<>();
    int count = 0;
    while (count < senders * each) {
      String line = lines.poll(20, TimeUnit.SECONDS);
      assertThat(line)
          .as("report %d of %d seen by mosquitto_sub", count, senders * each)
          .isNotNull();
      if (line.startsWith("r ")) {
        String[] parts = line.split(" ");
        seen.computeIfAbsent(Integer.parseInt(parts[1]), k -> new ArrayList<>())
            .add(Integer.parseInt(parts[2]));
        count++;
      }
    }
    List<Integer> inOrder = new ArrayList<>();
    for (int i = 0; i < each; i++) {
      inOrder.add(i);
    }
    assertThat(seen).hasSize(senders);
    assertThat(seen.values()).allSatisfy(order -> assertThat(order).isEqualTo(inOrder));
  }

  /** Publishes probes until mosquitto_sub prints one: from then on it sees every report. */
  private static void awaitSubscriber(
      ReportPublisher reports, URI address, BlockingQueue<String> lines) throws Exception {
    for (int i = 0; i < 100; i++) {
      reports.deliver(address, "probe".getBytes());
      if (lines.poll(100, TimeUnit.MILLISECONDS) != null) {
        return;
      }
    }
    throw new AssertionError("mosquitto_sub never printed a probe");
  }

  private static void readLines(Process sub, BlockingQueue<String> lines) {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(sub.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines.add(line);
      }
    } catch (IOException closed) {
      // The subscriber was stopped.
    }
  }

  @Test
  void report_while_the_broker_is_down_fails_with_an_io_exception_for_the_caller_to_retry()
      throws Exception {
    MosquittoBroker broker = broker();
    MqttConnection connection = connectedBinding(broker);
    ReportPublisher reports =
        new ReportPublisher(
            Broker.of(broker.tcpUri()), REPORT_TOPIC, connection::publish, 1000, 2_000);
    broker.stopProcess();
    assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("lost");

    assertThatThrownBy(
            () ->
                reports.deliver(
                    URI.create("mqtt://127.0.0.1:" + broker.port() + "/" + REPORT_TOPIC),
                    "r".getBytes()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not acknowledged");
  }

  @Test
  void report_to_another_broker_fails_naming_why() throws Exception {
    MosquittoBroker broker = broker();
    MqttConnection connection = connectedBinding(broker);
    ReportPublisher reports =
        new ReportPublisher(
            Broker.of(broker.tcpUri()), REPORT_TOPIC, connection::publish, 1000, 2_000);

    assertThatThrownBy(
            () -> reports.deliver(URI.create("mqtt://10.1.2.3:1883/dm/x/reports"), new byte[1]))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("another broker");
  }
}
