package io.dmagent.server;

import static io.dmagent.server.Device.commandsOf;
import static io.dmagent.server.Device.statusesFor;
import static io.dmagent.server.Device.statusesOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.Credential;
import io.dmagent.api.message.Meta;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.security.AuthScheme;
import io.dmagent.api.security.Nonces;
import io.dmagent.server.script.Script;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the reference server keeps for, and logs of, clients that have not authenticated: a bounded
 * table of pending sessions and nothing else; length-bounded identifiers; nonces that a stranger
 * cannot change and that outlive a restart; log lines no client can forge or flood. Driven over
 * loopback HTTP by scripted devices that authenticate with MD5 digests.
 */
class UnauthenticatedClientsTest {
  private static final String NAME = "gateway";
  private static final String SECRET = "client-secret";
  private static final DeviceAuth DIGEST = DeviceAuth.clientOnly(AuthScheme.MD5, NAME, SECRET);

  private final List<String> log = new CopyOnWriteArrayList<>();
  private DmServer server;

  @TempDir Path dir;

  private DmServer start(UnaryOperator<DmServer.Builder> setup) throws Exception {
    server =
        setup
            .apply(
                DmServer.builder(Device.CODEC)
                    .serverId("ref-server")
                    .defaultScript(Script.parse("test", "get ./DevInfo/Man"))
                    .log(ServerLog.of(m -> log.add("INFO " + m), m -> log.add("WARN " + m))))
            .start();
    return server;
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private Device device(String devId, String sessionId) {
    return new Device(devId, Encoding.XML, server.uri(), sessionId);
  }

  private static Status header(SyncMessage m) {
    return statusesOf(m).get(0);
  }

  private static byte[] nonce(SyncMessage m) {
    return Nonces.decode(header(m).chal().orElseThrow().meta().nextNonce().orElseThrow());
  }

  private static Credential digest(byte[] nonce) {
    return new Credential(
        Meta.of("b64", AuthScheme.MD5.metaType()), AuthScheme.MD5.credential(NAME, SECRET, nonce));
  }

  /** Package 1 without credentials (407 and a nonce), then again with the digest on it. */
  private static SyncMessage authenticate(Device device) throws Exception {
    SyncMessage challenge = device.packageOne();
    assertThat(header(challenge).code()).isEqualTo(407);
    return device.cred(digest(nonce(challenge))).packageOne();
  }

  /** Ends a session whose server message asked for one Get: its Results, then the last package. */
  private static void finish(Device device, SyncMessage server) throws Exception {
    List<io.dmagent.api.message.Command> reply =
        new java.util.ArrayList<>(statusesFor(server, 200));
    reply.add(
        Device.results(
            "9",
            server.header().msgId(),
            commandsOf(server).get(0).cmdId(),
            Device.leaf("./DevInfo/Man", "ACME")));
    assertThat(device.send(reply, true).isFinal()).isTrue();
  }

  private static long heapAfterGc() throws InterruptedException {
    var memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  @Test
  void a_flood_of_package_ones_without_credentials_keeps_only_a_small_table_and_devices_get_on()
      throws Exception {
    start(b -> b.auth(DIGEST).maxPendingSessions(16));
    device("warm-up", "1").packageOne();
    long before = heapAfterGc();

    for (int i = 0; i < 300; i++) {
      SyncMessage answer = device("flood-" + i + "-" + "x".repeat(200), "1").packageOne();
      assertThat(header(answer).code()).isEqualTo(407);
    }
    String huge = "D".repeat(500 * 1024);
    for (int i = 0; i < 40; i++) {
      Device attacker = device(huge + i, "1");
      byte[] message =
          Device.CODEC.encode(
              attacker.message(
                  List.of(
                      io.dmagent.api.message.Alert.of(
                          "1", io.dmagent.api.message.Alert.CLIENT_INITIATED_MGMT)),
                  true),
              Encoding.XML);
      assertThat(
              attacker.postRaw(server.uri(), "application/vnd.syncml.dm+xml", message).statusCode())
          .isEqualTo(400);
    }
    long grown = heapAfterGc() - before;

    assertThat(server.devices()).as("no record for a client that did not authenticate").isEmpty();
    assertThat(server.pendingSessions()).isLessThanOrEqualTo(16);
    assertThat(grown).as("heap kept after the flood").isLessThan(8L * 1024 * 1024);
    Device gateway = device("IMEI:490154203237518", "2A");
    SyncMessage two = authenticate(gateway);
    assertThat(header(two).code()).isEqualTo(212);
    assertThat(commandsOf(two)).extracting(c -> c.element()).containsExactly("Get");
    finish(gateway, two);
    assertThat(server.devices())
        .extracting(DeviceRecord::devId)
        .containsExactly("IMEI:490154203237518");
    assertThat(
            server.device("IMEI:490154203237518").orElseThrow().lastSession().orElseThrow().state())
        .isEqualTo(SessionState.COMPLETED);
  }

  /** Package 1s without credentials from 127.0.0.2, over raw sockets, until told to stop. */
  private Thread flood(java.util.concurrent.atomic.AtomicBoolean stop, List<Integer> codes) {
    Thread t =
        new Thread(
            () -> {
              for (int i = 0; !stop.get(); i++) {
                String devId = (i % 10 == 0 ? "D".repeat(300 * 1024) : "flood-") + i;
                Device d = new Device(devId, Encoding.XML, server.uri(), "1");
                byte[] body =
                    Device.CODEC.encode(
                        d.message(
                            List.of(
                                io.dmagent.api.message.Alert.of(
                                    "1", io.dmagent.api.message.Alert.CLIENT_INITIATED_MGMT)),
                            true),
                        Encoding.XML);
                try (java.net.Socket s = new java.net.Socket()) {
                  s.bind(new java.net.InetSocketAddress("127.0.0.2", 0));
                  s.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
                  s.setSoTimeout(5_000);
                  s.getOutputStream()
                      .write(
                          ("POST /dm HTTP/1.1\r\nHost: x\r\nContent-Type:"
                                  + " application/vnd.syncml.dm+xml\r\nContent-Length: "
                                  + body.length
                                  + "\r\nConnection: close\r\n\r\n")
                              .getBytes(StandardCharsets.ISO_8859_1));
                  s.getOutputStream().write(body);
                  String status =
                      new String(s.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
                  codes.add(Integer.parseInt(status.substring(9, 12)));
                } catch (java.io.IOException | RuntimeException e) {
                  codes.add(-1);
                }
              }
            },
            "flood");
    t.start();
    return t;
  }

  @Test
  void a_devices_sessions_keep_working_while_another_address_floods_the_server() throws Exception {
    start(b -> b.auth(DIGEST).maxPendingSessions(16));
    java.util.concurrent.atomic.AtomicBoolean stop =
        new java.util.concurrent.atomic.AtomicBoolean();
    List<Integer> codes = new CopyOnWriteArrayList<>();
    Thread flooding = flood(stop, codes);
    int sessions = 0;
    try {
      // Sessions one after another, as long as the flood needs to send 30 messages.
      while (sessions < DeviceState.SESSIONS_KEPT - 1 && (sessions < 3 || codes.size() < 30)) {
        Device gateway = device("IMEI:490154203237518", "S" + sessions);
        SyncMessage two = authenticate(gateway);
        assertThat(header(two).code()).isEqualTo(212);
        finish(gateway, two);
        sessions++;
        Thread.sleep(100);
      }
    } finally {
      stop.set(true);
      flooding.join(10_000);
    }

    assertThat(codes).hasSizeGreaterThan(10).contains(200, 400);
    assertThat(server.devices())
        .extracting(DeviceRecord::devId)
        .containsExactly("IMEI:490154203237518");
    assertThat(server.device("IMEI:490154203237518").orElseThrow().sessions())
        .hasSize(sessions)
        .allSatisfy(s -> assertThat(s.state()).isEqualTo(SessionState.COMPLETED));
    assertThat(server.pendingSessions()).isLessThanOrEqualTo(16);
  }

  @Test
  void a_stranger_using_a_known_devid_cannot_change_the_nonce_the_device_authenticates_with()
      throws Exception {
    start(b -> b.auth(DIGEST));
    Device gateway = device("IMEI:490154203237518", "1");
    SyncMessage two = authenticate(gateway);
    byte[] next = nonce(two);
    finish(gateway, two);

    Device stranger = device("IMEI:490154203237518", "66");
    assertThat(header(stranger.packageOne()).code()).isEqualTo(407);
    assertThat(header(stranger.cred(digest(new byte[16])).packageOne()).code()).isEqualTo(401);

    Device again = device("IMEI:490154203237518", "2").cred(digest(next));
    assertThat(header(again.packageOne()).code()).isEqualTo(212);
  }

  @Test
  void nonces_outlive_a_restart_so_the_first_message_after_it_authenticates() throws Exception {
    Path file = dir.resolve("server/nonces.properties");
    start(b -> b.auth(DIGEST).nonceFile(file));
    Device gateway = device("IMEI:490154203237518", "1");
    SyncMessage two = authenticate(gateway);
    byte[] next = nonce(two);
    finish(gateway, two);
    server.close();

    start(b -> b.auth(DIGEST).nonceFile(file));
    Device afterRestart = device("IMEI:490154203237518", "2").cred(digest(next));
    SyncMessage first = afterRestart.packageOne();

    assertThat(header(first).code()).as("no 401 after the restart").isEqualTo(212);
    assertThat(commandsOf(first)).extracting(c -> c.element()).containsExactly("Get");
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.readString(file)).doesNotContain(SECRET);
    assertThat(log).noneMatch(l -> l.contains(Nonces.encode(next)));
  }

  @Test
  void a_devid_with_a_newline_is_logged_escaped_and_cannot_forge_a_line() throws Exception {
    start(b -> b);
    String forged = "gw-1\n2026-01-01T00:00:00Z INFO  io.dmagent.server: forged";

    device(forged, "1").packageOne();

    assertThat(log).isNotEmpty().noneMatch(l -> l.contains("\n") || l.contains("\r"));
    assertThat(log).anyMatch(l -> l.contains("'gw-1\\n2026-01-01T00:00:00Z INFO"));
  }

  @Test
  void a_refusal_of_a_megabyte_element_name_logs_a_short_line() throws Exception {
    start(b -> b);
    String name = "X".repeat(1_000_000);
    byte[] message =
        ("<SyncML><SyncHdr><" + name + "/></SyncHdr></SyncML>").getBytes(StandardCharsets.UTF_8);

    var answer = device("gw", "1").postRaw(server.uri(), "application/vnd.syncml.dm+xml", message);

    assertThat(answer.statusCode()).isEqualTo(413);
    assertThat(new String(answer.body(), StandardCharsets.UTF_8)).hasSizeLessThan(200);
    assertThat(log).hasSize(1);
    assertThat(log.get(0)).contains("refused").hasSizeLessThan(600);
  }

  @Test
  void repeated_refusals_from_one_address_are_summarised() throws Exception {
    start(b -> b);
    Device device = device("gw", "1");
    for (int i = 0; i < 60; i++) {
      device.postRaw(server.uri(), "application/vnd.syncml.dm+xml", "<SyncML".getBytes());
    }

    assertThat(log).filteredOn(l -> l.contains("refused")).hasSize(5);
    assertThat(device.packageOne().isFinal()).as("the server goes on").isTrue();
    server.close();
    assertThat(log)
        .contains("WARN 55 more refusals from 127.0.0.1 in 10 s (not logged one by one)");
  }
}
