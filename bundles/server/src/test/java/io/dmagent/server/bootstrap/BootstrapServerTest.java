package io.dmagent.server.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.codec.message.SyncMlCodec;
import io.dmagent.server.push.PushDirectory;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dmserver:bootstrap's work: kept for GET, written for the factory folder, pushed over WAP. */
class BootstrapServerTest {
  private static final String DEV_ID = "urn:dev:mac:02fc00000001";
  private static final URI ADDRESS = URI.create("https://127.0.0.1:8980/dm");

  @TempDir Path dir;
  private final BootstrapDesk desk = new BootstrapDesk(line -> {});

  private BootstrapServer server(String pin, PushDirectory directory) {
    return new BootstrapServer(
        new BootstrapEncoder(new SyncMlCodec()),
        desk,
        address ->
            new BootstrapAccount(
                "ref", "ref-server", address, Optional.of("DIGEST"), "gw", "c", "s"),
        ADDRESS,
        pin,
        directory);
  }

  private static BootstrapOptions options(String... words) {
    return BootstrapOptions.parse(List.of(words));
  }

  @Test
  void the_message_is_kept_for_the_devices_get_with_the_address_asked() throws Exception {
    String said =
        server("1234", PushDirectory.empty())
            .run(DEV_ID, options("--address", "https://dm.example:443/dm"));

    assertThat(said).contains("kept for its HTTPS GET").contains("https://dm.example:443/dm");
    assertThat(desk.message(DEV_ID)).isPresent();
  }

  @Test
  void out_writes_the_body_and_a_sec_file_with_sec_and_mac() throws Exception {
    Path file = dir.resolve("acme.wbxml");

    server("1234", PushDirectory.empty()).run(DEV_ID, options("--out", file.toString()));

    BootstrapMessage kept = desk.message(DEV_ID).orElseThrow();
    assertThat(Files.readAllBytes(file)).isEqualTo(kept.body());
    assertThat(Files.readString(dir.resolve("acme.wbxml.sec")))
        .isEqualTo("SEC=1; MAC=" + kept.macHex() + "\n");
  }

  @Test
  void an_unsigned_message_is_neither_written_nor_pushed() {
    assertThatThrownBy(
            () ->
                server("", PushDirectory.empty())
                    .run(DEV_ID, options("--out", dir.resolve("x").toString())))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("bootstrapPin");
    assertThat(Files.exists(dir.resolve("x"))).isFalse();
  }

  @Test
  void push_sends_one_wsp_push_with_sec_and_mac_in_the_content_type() throws Exception {
    try (DatagramSocket gateway = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      gateway.setSoTimeout(5000);
      PushDirectory directory =
          PushDirectory.parse(
              new String[] {DEV_ID + "=wap://127.0.0.1:" + gateway.getLocalPort()},
              new String[0],
              line -> {});

      server("1234", directory).run(DEV_ID, options("--push"));

      DatagramPacket p = new DatagramPacket(new byte[65_535], 65_535);
      gateway.receive(p);
      byte[] pdu = Arrays.copyOf(p.getData(), p.getLength());
      BootstrapMessage kept = desk.message(DEV_ID).orElseThrow();
      byte[] type = WspBootstrapType.encode(kept);
      assertThat(pdu[1]).as("WSP Push PDU").isEqualTo((byte) 0x06);
      assertThat(pdu[2])
          .as("headers length: content type + application id")
          .isEqualTo((byte) (type.length + 2));
      assertThat(Arrays.copyOfRange(pdu, 3, 3 + type.length)).isEqualTo(type);
      assertThat(Arrays.copyOfRange(pdu, 3 + type.length, 5 + type.length))
          .isEqualTo(new byte[] {(byte) 0xAF, (byte) 0x87});
      assertThat(Arrays.copyOfRange(pdu, 5 + type.length, pdu.length)).isEqualTo(kept.body());
    }
  }

  @Test
  void options_it_does_not_know_are_refused() {
    assertThatThrownBy(() -> options("--pus"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--pus");
    assertThatThrownBy(() -> options("--forget", "--push"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
