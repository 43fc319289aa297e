package io.dmagent.server.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.push.PushContentType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each binding's sender against a real socket (or broker) that reads what it put on the wire. */
class PushSendersTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final byte[] BODY = {0x4e, (byte) 0x94, 0x00, 0x0d, 0x0a, (byte) 0xff, 0x41};
  private static final PushPayload NOTIFICATION =
      new PushPayload(PushContentType.DM12_NOTIFICATION, BODY);

  private final PushSenders senders =
      new PushSenders("srv 1", "dm/<DevId>/push", Duration.ofSeconds(3));

  @Test
  void http_push_posts_the_payload_with_its_content_type_and_reads_status_and_reason()
      throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 1, LOOPBACK)) {
      CompletableFuture<byte[]> received =
          CompletableFuture.supplyAsync(
              () ->
                  serveOnce(
                      listener,
                      "HTTP/1.1 202 Accepted\r\nX-DM-Push-Reason: accepted\r\n"
                          + "Content-Length: 0\r\n\r\n"));
      int port = listener.getLocalPort();

      String answer =
          senders.send(
              PushAddress.parse("http://127.0.0.1:" + port + "/dm/push"), "dev1", NOTIFICATION);

      assertThat(received.get(5, TimeUnit.SECONDS))
          .isEqualTo(
              concat(
                  ("POST /dm/push HTTP/1.1\r\nHost: 127.0.0.1:"
                          + port
                          + "\r\nContent-Type: application/vnd.syncml.notification\r\n"
                          + "Content-Length: 7\r\nConnection: close\r\n\r\n")
                      .getBytes(StandardCharsets.US_ASCII),
                  BODY));
      assertThat(answer).isEqualTo("HTTP '202 Accepted', reason 'accepted'");
    }
  }

  @Test
  void sip_push_over_udp_is_a_message_request_and_its_final_answer_is_returned() throws Exception {
    assertSipPushOverUdpAccepted(1);
  }

  @Test
  void sip_push_over_udp_is_retransmitted_when_the_first_datagram_is_lost() throws Exception {
    assertSipPushOverUdpAccepted(2);
  }

  /** The device answers the {@code datagram}th copy of the MESSAGE it receives (1: the first). */
  private void assertSipPushOverUdpAccepted(int datagram) throws Exception {
    try (DatagramSocket device = new DatagramSocket(0, LOOPBACK)) {
      CompletableFuture<byte[]> received =
          CompletableFuture.supplyAsync(() -> answerSip(device, datagram));

      String answer =
          senders.send(
              PushAddress.parse("sip:udp://127.0.0.1:" + device.getLocalPort()),
              "IMEI:35-1",
              NOTIFICATION);

      assertSipRequest(received.get(5, TimeUnit.SECONDS), device.getLocalPort(), "UDP");
      assertThat(answer).isEqualTo("SIP 202 'Accepted'");
    }
  }

  @Test
  void sip_push_over_tcp_reads_the_final_answer_after_a_provisional_one() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 1, LOOPBACK)) {
      CompletableFuture<byte[]> received =
          CompletableFuture.supplyAsync(() -> answerSipTcp(listener));

      String answer =
          senders.send(
              PushAddress.parse("sip:tcp://127.0.0.1:" + listener.getLocalPort()),
              "IMEI:35-1",
              NOTIFICATION);

      assertSipRequest(received.get(5, TimeUnit.SECONDS), listener.getLocalPort(), "TCP");
      assertThat(answer).isEqualTo("SIP 503 'Service Unavailable', Retry-After '5'");
    }
  }

  @Test
  void sip_push_without_an_answer_fails_after_its_timeout() throws Exception {
    PushSenders quick = new PushSenders("srv", "dm/<DevId>/push", Duration.ofMillis(700));
    try (DatagramSocket silent = new DatagramSocket(0, LOOPBACK)) {
      assertThatThrownBy(
              () ->
                  quick.send(
                      PushAddress.parse("sip:udp://127.0.0.1:" + silent.getLocalPort()),
                      "dev1",
                      NOTIFICATION))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("no SIP answer");
    }
  }

  @Test
  void wap_push_is_one_wsp_push_pdu_with_the_syncml_dm_application_id() throws Exception {
    try (DatagramSocket device = new DatagramSocket(0, LOOPBACK)) {
      device.setSoTimeout(5000);

      senders.send(
          PushAddress.parse("wap://127.0.0.1:" + device.getLocalPort()),
          "dev1",
          new PushPayload(PushContentType.DM13_NOTIFICATION, BODY));

      DatagramPacket in = new DatagramPacket(new byte[2048], 2048);
      device.receive(in);
      byte[] pdu = Arrays.copyOf(in.getData(), in.getLength());
      // TID (any), push, headers length 3, content type 0x58 short, X-WAP-Application-Id syncml.dm
      assertThat(Arrays.copyOfRange(pdu, 1, pdu.length))
          .isEqualTo(concat(new byte[] {0x06, 0x03, (byte) 0xD8, (byte) 0xAF, (byte) 0x87}, BODY));
    }
  }

  @Test
  void wsp_uintvar_carries_seven_bits_a_byte() {
    assertThat(WapPushSender.uintvar(3)).containsExactly(0x03);
    assertThat(WapPushSender.uintvar(0x80)).containsExactly(0x81, 0x00);
    assertThat(WapPushSender.uintvar(0x3FFF)).containsExactly(0xFF, 0x7F);
  }

  @Test
  void mqtt_push_publishes_a_push_frame_to_the_devices_topic(@TempDir Path dir) throws Exception {
    try (Mosquitto broker = Mosquitto.start(dir)) {
      MqttClient device = new MqttClient(broker.url(), "device-dev1", new MemoryPersistence());
      try {
        device.connect();
        CompletableFuture<byte[]> received = new CompletableFuture<>();
        device.subscribe("dm/dev1/push", 1, (topic, m) -> received.complete(m.getPayload()));

        String answer =
            senders.send(
                PushAddress.parse("mqtt://127.0.0.1:" + broker.port()), "dev1", NOTIFICATION);

        assertThat(received.get(5, TimeUnit.SECONDS))
            .isEqualTo(
                concat(
                    "Content-Type: application/vnd.syncml.notification\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII),
                    BODY));
        assertThat(answer).contains("dm/dev1/push", "PUBACK");
      } finally {
        device.disconnect();
        device.close();
      }
    }
  }

  @Test
  void push_addresses_name_their_binding_and_default_ports() {
    assertThat(PushAddress.parse("sip://10.0.0.1").port()).isEqualTo(5060);
    assertThat(PushAddress.parse("sip:tcp://10.0.0.1").transport()).isEqualTo("tcp");
    assertThat(PushAddress.parse("wap://10.0.0.1").port()).isEqualTo(2948);
    assertThat(PushAddress.parse("mqtt://10.0.0.1").port()).isEqualTo(1883);
    assertThat(PushAddress.parse("http://10.0.0.1:8088/dm/push").binding())
        .isEqualTo(PushBinding.HTTP);
    assertThatThrownBy(() -> PushAddress.parse("smtp://10.0.0.1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** The request line, the headers the framing names, the exact body, nothing after it. */
  private static void assertSipRequest(byte[] request, int port, String transport) {
    String text = new String(request, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    String head = text.substring(0, end + 2);
    assertThat(head)
        .startsWith("MESSAGE sip:IMEI%3A35-1@127.0.0.1:" + port + " SIP/2.0\r\n")
        .containsPattern("\r\nVia: SIP/2\\.0/" + transport + " [0-9.]+:\\d+;branch=z9hG4bK\\w+")
        .contains("\r\nMax-Forwards: 70\r\n")
        .containsPattern("\r\nFrom: <sip:srv%201@[0-9.:]+>;tag=\\w+\r\n")
        .contains("\r\nTo: <sip:IMEI%3A35-1@127.0.0.1:" + port + ">\r\n")
        .containsPattern("\r\nCall-ID: \\w+\r\n")
        .contains("\r\nCSeq: 1 MESSAGE\r\n")
        .contains("\r\nContent-Type: application/vnd.syncml.notification\r\n")
        .contains("\r\nContent-Length: 7\r\n");
    assertThat(Arrays.copyOfRange(request, end + 4, request.length)).isEqualTo(BODY);
  }

  private static String callId(byte[] request) {
    Matcher m =
        Pattern.compile("\r\nCall-ID: (\\w+)\r\n")
            .matcher(new String(request, StandardCharsets.ISO_8859_1));
    return m.find() ? m.group(1) : "";
  }

  /** Takes {@code datagrams} requests (answering only the last): what a lossy link does. */
  private static byte[] answerSip(DatagramSocket device, int datagrams) {
    try {
      device.setSoTimeout(5000);
      DatagramPacket in = new DatagramPacket(new byte[4096], 4096);
      for (int i = 0; i < datagrams; i++) {
        device.receive(in);
      }
      byte[] request = Arrays.copyOf(in.getData(), in.getLength());
      String id = callId(request);
      for (String status : new String[] {"100 Trying", "202 Accepted"}) {
        byte[] answer =
            ("SIP/2.0 "
                    + status
                    + "\r\nCall-ID: "
                    + id
                    + "\r\nCSeq: 1 MESSAGE\r\n"
                    + "Content-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        device.send(new DatagramPacket(answer, answer.length, in.getSocketAddress()));
      }
      return request;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] answerSipTcp(ServerSocket listener) {
    try (Socket s = listener.accept()) {
      s.setSoTimeout(5000);
      byte[] request = readRequest(s.getInputStream());
      String id = callId(request);
      s.getOutputStream()
          .write(
              ("SIP/2.0 100 Trying\r\nCall-ID: "
                      + id
                      + "\r\nContent-Length: 0\r\n\r\n"
                      + "SIP/2.0 503 Service Unavailable\r\nCall-ID: "
                      + id
                      + "\r\n"
                      + "Retry-After: 5\r\nContent-Length: 4\r\n\r\nbusy")
                  .getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      return request;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] serveOnce(ServerSocket listener, String answer) {
    try (Socket s = listener.accept()) {
      s.setSoTimeout(5000);
      byte[] request = readRequest(s.getInputStream());
      s.getOutputStream().write(answer.getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      return request;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A head up to its empty line, then as many bytes as its Content-Length says. */
  private static byte[] readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (!new String(out.toByteArray(), StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed in the head");
      }
      out.write(b);
    }
    Matcher m =
        Pattern.compile("(?i)\r\nContent-Length: (\\d+)\r\n")
            .matcher(new String(out.toByteArray(), StandardCharsets.ISO_8859_1));
    int length = m.find() ? Integer.parseInt(m.group(1)) : 0;
    out.writeBytes(in.readNBytes(length));
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
