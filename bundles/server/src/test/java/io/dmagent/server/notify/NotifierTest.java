package io.dmagent.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.security.AuthScheme;
import io.dmagent.codec.message.SyncMlCodec;
import io.dmagent.server.DeviceAuth;
import io.dmagent.server.DmServer;
import io.dmagent.server.ServerLog;
import io.dmagent.server.push.PushDirectory;
import io.dmagent.server.push.PushSenders;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dmserver:notify}'s work: a signed package #0 to the device's address. */
class NotifierTest {
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private DmServer server;
  private DatagramSocket device;

  @BeforeEach
  void start() throws Exception {
    server =
        DmServer.builder(new SyncMlCodec())
            .serverId("ref-server")
            .auth("dev1", DeviceAuth.mutual(AuthScheme.MD5, "dev1", "client", "server-pw"))
            .log(ServerLog.silent())
            .start();
    device = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    device.setSoTimeout(5000);
  }

  @AfterEach
  void stop() {
    device.close();
    server.close();
  }

  private Notifier notifier(String... deviceEntries) {
    return new Notifier(
        "ref-server",
        server.credentials(),
        PushDirectory.parse(deviceEntries, new String[0], lines::add),
        new PushSenders("ref-server", "dm/<DevId>/push", Duration.ofSeconds(2)),
        new Package0Encoder(Package0Encoder.DigestPlace.FIRST),
        lines::add);
  }

  private String wap() {
    return "wap://127.0.0.1:" + device.getLocalPort();
  }

  @Test
  void dm12_notification_is_signed_with_the_server_secret_for_the_device() throws Exception {
    String line =
        notifier("dev1=" + wap())
            .notify(
                "dev1",
                NotifyOptions.parse(
                    List.of("--ui", "interactive", "--session", "1a2b"), NotificationFormat.DM12));

    byte[] pkg0 = received();
    byte[] trigger = Arrays.copyOfRange(pkg0, 16, pkg0.length);
    assertThat(Arrays.copyOf(pkg0, 16))
        .isEqualTo(NotificationDigest.of("ref-server", "server-pw", new byte[0], trigger));
    // version 12, ui 3, server-initiated, session 1A2B, identifier of 10 bytes
    assertThat(HexFormat.of().formatHex(trigger, 0, 8)).isEqualTo("033800000" + "01a2b0a");
    assertThat(line)
        .startsWith("notified dev1 over " + wap() + ": DM 1.2 package #0 of 34 bytes, session 1A2B")
        .contains("ui interactive", "answer: WSP push");
  }

  @Test
  void dm13_notification_carries_requested_mos_by_registry_index_and_the_reason() throws Exception {
    String line =
        notifier("dev1=" + wap())
            .notify(
                "dev1",
                NotifyOptions.parse(
                    List.of(
                        "--format", "1.3",
                        "--request-mo", "urn:oma:mo:oma-fumo:1.0",
                        "--request-mo", "urn:x-unknown:1.0",
                        "--reason", "fw",
                        "--session", "7"),
                    NotificationFormat.DM12));

    byte[] pkg0 = received();
    assertThat(HexFormat.of().formatHex(Arrays.copyOfRange(pkg0, 16, pkg0.length)))
        .isEqualTo(
            "0358000000000703"
                + "100a"
                + HexFormat.of().formatHex("ref-server".getBytes())
                + "3001"
                + "27"
                + "5002"
                + "6677");
    assertThat(line).contains("MOs not in the registry left out: [urn:x-unknown:1.0]");
  }

  @Test
  void out_writes_the_signed_notification_to_a_file_and_pushes_nothing(@TempDir Path folder)
      throws Exception {
    Path file = folder.resolve("pkg0.bin");

    String line =
        notifier("dev1=" + wap())
            .notify(
                "dev1",
                NotifyOptions.parse(
                    List.of("--session", "1a2b", "--out", file.toString()),
                    NotificationFormat.DM12));

    byte[] pkg0 = Files.readAllBytes(file);
    byte[] trigger = Arrays.copyOfRange(pkg0, 16, pkg0.length);
    assertThat(Arrays.copyOf(pkg0, 16))
        .isEqualTo(NotificationDigest.of("ref-server", "server-pw", new byte[0], trigger));
    // version 12, ui 1 (background), server-initiated, session 1A2B, identifier of 10 bytes
    assertThat(HexFormat.of().formatHex(trigger, 0, 8)).isEqualTo("031800000" + "01a2b0a");
    assertThat(line)
        .isEqualTo(
            "wrote DM 1.2 package #0 of 34 bytes, session 1A2B, ui background for dev1 to "
                + file
                + " (application/vnd.syncml.notification)");
    device.setSoTimeout(300);
    assertThatThrownBy(() -> received()).isInstanceOf(SocketTimeoutException.class);
  }

  @Test
  void unknown_device_is_one_clear_error() {
    assertThatThrownBy(
            () -> notifier().notify("nobody", NotifyOptions.defaults(NotificationFormat.DM12)))
        .isInstanceOf(NotifyException.class)
        .hasMessage("no device nobody (dmserver:devices lists them)");
  }

  @Test
  void binding_without_an_address_is_one_clear_error() {
    assertThatThrownBy(
            () ->
                notifier("dev1=" + wap())
                    .notify(
                        "dev1",
                        NotifyOptions.parse(List.of("--binding", "sip"), NotificationFormat.DM12)))
        .isInstanceOf(NotifyException.class)
        .hasMessageStartingWith("no sip push address for dev1");
  }

  @Test
  void options_that_do_not_parse_name_the_word() {
    assertThatThrownBy(
            () -> NotifyOptions.parse(List.of("--binding", "smoke"), NotificationFormat.DM12))
        .hasMessage("bad value for --binding: smoke");
    assertThatThrownBy(
            () -> NotifyOptions.parse(List.of("--session", "12345"), NotificationFormat.DM12))
        .hasMessageContaining("1 to 4 hex digits");
    assertThatThrownBy(() -> NotifyOptions.parse(List.of("--ui"), NotificationFormat.DM12))
        .hasMessage("--ui without a value");
    assertThatThrownBy(
            () -> NotifyOptions.parse(List.of("--colour", "red"), NotificationFormat.DM12))
        .hasMessage("unknown option --colour");
    assertThatThrownBy(() -> NotifyOptions.parse(List.of("--reason", "x"), NotificationFormat.DM12))
        .hasMessage("--reason and --request-mo need --format 1.3");
  }

  /** The package #0 inside the WSP push PDU the device got (TID, 0x06, 3, type, 0xAF 0x87). */
  private byte[] received() throws Exception {
    DatagramPacket in = new DatagramPacket(new byte[2048], 2048);
    device.receive(in);
    return Arrays.copyOfRange(in.getData(), 6, in.getLength());
  }

  @Test
  void digest_uses_the_nonce_the_device_last_gave_the_server(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    byte[] nonce = {9, 8, 7, 6, 5};
    java.nio.file.Path file = dir.resolve("nonces.properties");
    java.nio.file.Files.writeString(
        file, "dev1=AAAA," + java.util.Base64.getEncoder().encodeToString(nonce) + "\n");
    server.close();
    server =
        DmServer.builder(new SyncMlCodec())
            .serverId("ref-server")
            .auth("dev1", DeviceAuth.mutual(AuthScheme.MD5, "dev1", "client", "server-pw"))
            .nonceFile(file)
            .log(ServerLog.silent())
            .start();

    notifier("dev1=" + wap()).notify("dev1", NotifyOptions.defaults(NotificationFormat.DM12));

    byte[] pkg0 = received();
    byte[] trigger = Arrays.copyOfRange(pkg0, 16, pkg0.length);
    assertThat(Arrays.copyOf(pkg0, 16))
        .isEqualTo(NotificationDigest.of("ref-server", "server-pw", nonce, trigger))
        .isNotEqualTo(NotificationDigest.of("ref-server", "server-pw", new byte[0], trigger));
  }
}
