package io.dmagent.server.sessionless;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.Alert;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.ItemData;
import io.dmagent.api.message.Locator;
import io.dmagent.api.message.Meta;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncHeader;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.security.AuthScheme;
import io.dmagent.codec.message.SyncMlCodec;
import io.dmagent.server.DeviceAuth;
import io.dmagent.server.DmServer;
import io.dmagent.server.ServerLog;
import io.dmagent.server.push.Mosquitto;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server takes sessionless reports over real HTTP and a real Mosquitto broker. */
class SessionlessReportsTest {
  private static final SyncMlCodec CODEC = new SyncMlCodec();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final String CLIENT_NAME = "gw-7";
  private static final String CLIENT_SECRET = "client-secret";

  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private DmServer server;

  @BeforeEach
  void start() throws Exception {
    server =
        DmServer.builder(CODEC)
            .serverId("ref-server")
            .auth(
                "dev1",
                DeviceAuth.mutual(AuthScheme.HMAC_MD5, CLIENT_NAME, CLIENT_SECRET, "server-secret"))
            .log(ServerLog.of(message -> {}, warnings::add))
            .start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void a_correct_report_is_stored_and_answered_200() throws Exception {
    HttpResponse<String> answer = post(report(CLIENT_SECRET, "r-1,r-2", 2));

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(server.reports())
        .extracting(ReceivedReport::id, ReceivedReport::devId, ReceivedReport::alert)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("r-1", "dev1", "1226 urn:x-test:temperature"),
            org.assertj.core.groups.Tuple.tuple("r-2", "dev1", "1226 urn:x-test:temperature"));
    assertThat(server.reports().get(1).data()).isEqualTo("./Sensors/T1 21.5-2");
  }

  @Test
  void a_report_with_a_wrong_mac_is_refused_401_and_not_stored() throws Exception {
    HttpResponse<String> answer = post(report("not-the-secret", "r-1", 1));

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(server.reports()).isEmpty();
    assertThat(warnings).singleElement().asString().contains("does not verify");
  }

  @Test
  void a_report_delivered_twice_is_acknowledged_twice_and_stored_once() throws Exception {
    byte[] envelope = report(CLIENT_SECRET, "r-9", 1);

    assertThat(post(envelope).statusCode()).isEqualTo(200);
    assertThat(post(envelope).statusCode()).isEqualTo(200);

    assertThat(server.reports()).extracting(ReceivedReport::id).containsExactly("r-9");
  }

  @Test
  void a_report_whose_ids_do_not_match_its_alerts_is_refused_400() throws Exception {
    assertThat(post(report(CLIENT_SECRET, "r-1", 2)).statusCode()).isEqualTo(400);
    assertThat(server.reports()).isEmpty();
  }

  @Test
  void an_outcome_report_is_listed_as_the_outcome_of_the_command_it_names() throws Exception {
    List<Command> outcome =
        List.of(
            Status.of("1", "1", "0", "SyncHdr", 200),
            Status.of("2", "1", "1", "Replace", 200),
            Status.of("3", "1", "2", "Get", 404));
    HttpResponse<String> answer = post(signed("o-1", Optional.of("19AF2B3C400"), outcome));

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(server.reports())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.alert()).isEqualTo("outcome of 19AF2B3C400");
              assertThat(r.data()).isEqualTo("3 Status, 0 Results: Replace 1=200 Get 2=404");
            });
  }

  @Test
  void an_outcome_report_without_x_dm_outcome_of_is_still_taken() throws Exception {
    List<Command> outcome = List.of(Status.of("1", "1", "1", "Replace", 200));

    assertThat(post(signed("o-2", Optional.empty(), outcome)).statusCode()).isEqualTo(200);
    assertThat(server.reports()).extracting(ReceivedReport::alert).containsExactly("outcome");
  }

  @Test
  void x_dm_outcome_of_on_alerts_or_not_a_sessionid_is_refused_400() throws Exception {
    List<Command> outcome = List.of(Status.of("1", "1", "1", "Replace", 200));

    assertThat(post(signed("a-1", Optional.of("19AF2B3C400"), message(1).commands())).statusCode())
        .isEqualTo(400);
    assertThat(post(signed("o-3", Optional.of("19AF 2B3C400"), outcome)).statusCode())
        .isEqualTo(400);
    assertThat(server.reports()).isEmpty();
    assertThat(warnings).hasSize(2).allMatch(w -> w.contains("x-dm-outcome-of"));
  }

  @Test
  void a_bare_dm_message_without_envelope_is_refused_401() throws Exception {
    byte[] bare = CODEC.encode(message(1), Encoding.XML);

    assertThat(post(bare).statusCode()).isEqualTo(401);
  }

  @Test
  void reports_published_to_mqtt_are_stored_once(@TempDir Path dir) throws Exception {
    try (Mosquitto broker = Mosquitto.start(dir);
        ReportSubscriber subscriber =
            ReportSubscriber.start(
                broker.url(), "dm/+/reports", server.reportDesk(), warnings::add)) {
      MqttClient device = new MqttClient(broker.url(), "dev1", new MemoryPersistence());
      device.connect();
      try {
        MqttMessage m = new MqttMessage(report(CLIENT_SECRET, "m-1", 1));
        m.setQos(1);
        device.publish("dm/dev1/reports", m);
        device.publish("dm/dev1/reports", m);
        MqttMessage bad = new MqttMessage(report("wrong", "m-2", 1));
        bad.setQos(1);
        device.publish("dm/dev1/reports", bad);

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (warnings.isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
      } finally {
        device.disconnect();
        device.close();
      }
    }
    assertThat(server.reports()).extracting(ReceivedReport::id).containsExactly("m-1");
    assertThat(warnings).anyMatch(w -> w.contains("MQTT dm/dev1/reports") && w.contains("verify"));
  }

  @Test
  void mac_follows_the_x_syncml_hmac_formula_of_the_digest() {
    // Derived example of protocol-wire.md 3.2, the nonce "Nonce" in place of a timestamp.
    assertThat(
            EnvelopeMac.MD5.mac(
                "Bruce2", "OhBehave", "Nonce", "<SyncML/>".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("urdCeS3JUmjFgi8SX3webw==");
  }

  private HttpResponse<String> post(byte[] body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(server.reportsUri().toString()))
            .header("Content-Type", "application/vnd.syncml.dm+xml")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** An agent's report envelope: {@code alerts} Generic Alerts, signed with {@code secret}. */
  private static byte[] report(String secret, String ids, int alerts) {
    byte[] message = CODEC.encode(message(alerts), Encoding.XML);
    String ts = "1765100000000";
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(
        Envelope.HMAC,
        "algorithm=MD5, username=\""
            + CLIENT_NAME
            + "\", mac="
            + EnvelopeMac.MD5.mac(CLIENT_NAME, secret, ts, message));
    headers.put(Envelope.TIMESTAMP, ts);
    headers.put(Envelope.REPORT_IDS, ids);
    headers.put(Envelope.CONTENT_TYPE, "application/vnd.syncml.dm+xml");
    return new Envelope(headers, message).bytes();
  }

  /** A correctly signed envelope of {@code commands}, with {@code outcomeOf} if present. */
  private static byte[] signed(String ids, Optional<String> outcomeOf, List<Command> commands) {
    SyncMessage m = new SyncMessage(message(0).header(), commands, true);
    byte[] message = CODEC.encode(m, Encoding.XML);
    String ts = "1765100000000";
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(
        Envelope.HMAC,
        "algorithm=MD5, username=\""
            + CLIENT_NAME
            + "\", mac="
            + EnvelopeMac.MD5.mac(CLIENT_NAME, CLIENT_SECRET, ts, message));
    headers.put(Envelope.TIMESTAMP, ts);
    headers.put(Envelope.REPORT_IDS, ids);
    outcomeOf.ifPresent(sid -> headers.put(Envelope.OUTCOME_OF, sid));
    headers.put(Envelope.CONTENT_TYPE, "application/vnd.syncml.dm+xml");
    return new Envelope(headers, message).bytes();
  }

  private static SyncMessage message(int alerts) {
    List<Command> commands = new java.util.ArrayList<>();
    for (int i = 1; i <= alerts; i++) {
      Item item =
          new Item(
              Optional.empty(),
              Optional.of(Locator.of("./Sensors/T1")),
              Optional.of(Meta.of("chr", "urn:x-test:temperature")),
              Optional.of(ItemData.text("21.5-" + i)),
              false);
      commands.add(
          new Alert(
              Integer.toString(i), false, Alert.GENERIC_ALERT, Optional.empty(), List.of(item)));
    }
    SyncHeader header =
        new SyncHeader(
            SyncHeader.VER_DTD,
            SyncHeader.DM_1_3,
            "1A2B",
            "1",
            Locator.of("ref-server"),
            Locator.of("dev1"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    return new SyncMessage(header, commands, true);
  }
}
