package io.dmagent.server.sessionless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.CommandName;
import io.dmagent.api.message.ItemCommand;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.security.AuthScheme;
import io.dmagent.codec.message.SyncMlCodec;
import io.dmagent.server.DeviceAuth;
import io.dmagent.server.DmServer;
import io.dmagent.server.ServerLog;
import io.dmagent.server.push.PushBinding;
import io.dmagent.server.push.PushDirectory;
import io.dmagent.server.push.PushSenders;
import io.dmagent.server.script.Script;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code dmserver:push}'s work: a signed envelope with one DM message, over the device's push. */
class SessionlessCommandsTest {
  private static final SyncMlCodec CODEC = new SyncMlCodec();
  private static final Instant NOW = Instant.ofEpochMilli(1_765_100_000_000L);

  private DmServer server;
  private DatagramSocket device;
  private SessionlessCommands commands;

  @BeforeEach
  void start() throws Exception {
    server =
        DmServer.builder(CODEC)
            .serverId("ref-server")
            .auth("dev1", DeviceAuth.mutual(AuthScheme.HMAC_MD5, "dev1", "client", "server-pw"))
            .auth("dev2", DeviceAuth.clientOnly(AuthScheme.HMAC_MD5, "dev2", "client"))
            .log(ServerLog.silent())
            .start();
    device = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    device.setSoTimeout(5000);
    String wap = "wap://127.0.0.1:" + device.getLocalPort();
    commands =
        new SessionlessCommands(
            "ref-server",
            CODEC,
            Encoding.WBXML,
            server.credentials(),
            PushDirectory.parse(
                new String[] {"dev1=" + wap, "dev2=" + wap}, new String[0], w -> {}),
            new PushSenders("ref-server", "dm/<DevId>/push", Duration.ofSeconds(2)),
            Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void stop() {
    device.close();
    server.close();
  }

  @Test
  void command_goes_out_as_a_signed_envelope_with_one_dm_message() throws Exception {
    Script script = Script.parse("set", "replace ./Vendor/X/Level int 3");

    String line = commands.push("dev1", script, true, Optional.empty());

    byte[] bytes = envelopeReceived();
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    assertThat(text)
        .startsWith("x-syncml-hmac: algorithm=MD5, username=\"ref-server\", mac=")
        .contains(
            "\r\nx-dm-timestamp: 1765100000000\r\nx-dm-report: outcome\r\n"
                + "Content-Type: application/vnd.syncml.dm+wbxml\r\n\r\n");
    Envelope e = Envelope.parse(bytes);
    assertThat(
            EnvelopeMac.MD5.verifies(
                HmacField.parse(e.header(Envelope.HMAC).orElseThrow()).mac(),
                "ref-server",
                "server-pw",
                "1765100000000",
                e.message()))
        .isTrue();
    SyncMessage m = CODEC.decode(e.message(), Encoding.WBXML, 65536);
    assertThat(m.header().verProto()).isEqualTo("DM/1.3");
    assertThat(m.header().sessionId())
        .isEqualTo(Long.toHexString(NOW.toEpochMilli()).toUpperCase());
    assertThat(m.header().msgId()).isEqualTo("1");
    assertThat(m.header().target().locUri()).isEqualTo("dev1");
    assertThat(m.header().source().locUri()).isEqualTo("ref-server");
    assertThat(m.isFinal()).isTrue();
    assertThat(m.commands()).singleElement().isInstanceOf(ItemCommand.class);
    assertThat(((ItemCommand) m.commands().get(0)).name()).isEqualTo(CommandName.REPLACE);
    assertThat(line)
        .contains(
            "sessionless command set (1 commands, timestamp 1765100000000, outcome reported as"
                + " outcome of "
                + m.header().sessionId()
                + ")");
  }

  @Test
  void timestamps_increase_strictly_when_the_clock_has_not_moved() throws Exception {
    Script script = Script.parse("get", "get ./DevInfo/DevId");

    commands.push("dev1", script, false, Optional.empty());
    commands.push("dev1", script, false, Optional.empty());

    assertThat(Envelope.parse(envelopeReceived()).header(Envelope.TIMESTAMP))
        .contains("1765100000000");
    Envelope second = Envelope.parse(envelopeReceived());
    assertThat(second.header(Envelope.TIMESTAMP)).contains("1765100000001");
    assertThat(second.header(Envelope.REPORT)).isEmpty();
  }

  @Test
  void scripts_a_single_message_cannot_carry_are_refused() throws Exception {
    assertThatThrownBy(
            () ->
                commands.push(
                    "dev1",
                    Script.parse("two", "get ./A\npackage\nget ./B"),
                    false,
                    Optional.empty()))
        .isInstanceOf(SessionlessException.class)
        .hasMessageContaining("is not one package");
  }

  @Test
  void device_without_a_server_secret_or_address_gets_no_command() throws Exception {
    Script script = Script.parse("get", "get ./DevInfo/DevId");
    assertThatThrownBy(() -> commands.push("dev2", script, false, Optional.empty()))
        .hasMessageContaining("no server secret for dev2");
    assertThatThrownBy(() -> commands.push("dev1", script, false, Optional.of(PushBinding.MQTT)))
        .hasMessage("no push address for dev1");
    assertThatThrownBy(() -> commands.push("ghost", script, false, Optional.empty()))
        .hasMessageStartingWith("no device ghost");
  }

  private byte[] envelopeReceived() throws Exception {
    DatagramPacket in = new DatagramPacket(new byte[8192], 8192);
    device.receive(in);
    byte[] pdu = Arrays.copyOf(in.getData(), in.getLength());
    assertThat(pdu[3] & 0xFF).isEqualTo(0xC2); // WSP short integer of the DM WBXML type
    return Arrays.copyOfRange(pdu, 6, pdu.length);
  }
}
