package io.dmagent.pushwap;

import static io.dmagent.pushwap.Pdus.hex;
import static io.dmagent.pushwap.Pdus.pdu;
import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.log.RefusalLog;
import io.dmagent.api.push.PushMessage;
import io.dmagent.api.testing.RecordingPushReceiver;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The listener on a real loopback UDP socket, sent real datagrams. */
class WapPushListenerTest {
  private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
  private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
  private final RecordingPushReceiver receiver = new RecordingPushReceiver(1024);
  private WapPushListener listener;
  private DatagramSocket sender;
  private InetSocketAddress target;

  @BeforeEach
  void listen() throws IOException {
    listener =
        WapPushListener.open(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            receiver,
            RefusalLog.standard(warnings::add, java.time.Clock.systemUTC()),
            errors::add);
    target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port(listener));
    sender = new DatagramSocket();
  }

  @AfterEach
  void close() {
    sender.close();
    listener.close();
  }

  private static int port(WapPushListener l) {
    String endpoint = l.endpoint();
    return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
  }

  private void send(byte[] datagram) throws IOException {
    sender.send(new DatagramPacket(datagram, datagram.length, target));
  }

  @Test
  void the_specification_example_reaches_the_receiver_with_its_type_and_bytes() throws Exception {
    send(Pdus.specPdu());

    PushMessage push = receiver.next();
    assertThat(push).isNotNull();
    assertThat(push.binding()).isEqualTo("wap");
    assertThat(push.contentType()).isEqualTo("application/vnd.syncml.notification");
    assertThat(push.body()).isEqualTo(Pdus.specNotification());
    assertThat(push.origin()).isEqualTo("udp:127.0.0.1:" + sender.getLocalPort());
    assertThat(listener.endpoint()).startsWith("udp://127.0.0.1:");
  }

  @Test
  void a_malformed_datagram_is_dropped_with_one_line_and_the_next_one_served() throws Exception {
    send(hex("01 04 03 C4 AF 87 00"));
    send(pdu(hex("D8 AF 87"), Pdus.specNotification()));

    PushMessage push = receiver.next();
    assertThat(push.contentType()).isEqualTo("application/vnd.syncml.dm.notification");
    assertThat(warnings)
        .containsExactly(
            "WAP push from 127.0.0.1:"
                + sender.getLocalPort()
                + " dropped: PDU type 0x04 is not a push (0x06)");
    assertThat(receiver.nextWithin(100)).isNull();
  }

  @Test
  void a_body_larger_than_the_receiver_takes_is_refused_without_calling_it() throws Exception {
    send(pdu(hex("C4 AF 87"), new byte[1025]));
    send(pdu(hex("C4 AF 87"), new byte[1024]));

    assertThat(receiver.next().length()).isEqualTo(1024);
    assertThat(receiver.nextWithin(100)).isNull();
    assertThat(warnings).singleElement().asString().contains("a body of 1025 octets is larger");
  }

  @Test
  void a_flood_of_garbage_does_not_stop_valid_pushes_and_costs_a_few_log_lines() throws Exception {
    byte[] garbage = hex("01 06 7F C4 AF 87");
    for (int round = 0; round < 20; round++) {
      for (int i = 0; i < 500; i++) {
        send(garbage);
      }
      send(Pdus.specPdu());
      assertThat(receiver.next()).as("valid push after %d garbage rounds", round).isNotNull();
    }
    assertThat(warnings).hasSize(5);
    listener.close();
    assertThat(warnings)
        .hasSize(6)
        .last()
        .asString()
        .startsWith("9995 more refusals from 127.0.0.1 in 10 s");
  }

  @Test
  void closing_frees_the_port_at_once() throws Exception {
    int port = port(listener);
    listener.close();

    try (DatagramSocket again =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
    assertThat(errors).isEmpty();
  }

  @Test
  void a_taken_port_fails_the_open() throws Exception {
    InetSocketAddress taken =
        new InetSocketAddress(InetAddress.getLoopbackAddress(), port(listener));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                WapPushListener.open(
                    taken,
                    receiver,
                    RefusalLog.standard(warnings::add, java.time.Clock.systemUTC()),
                    errors::add))
        .isInstanceOf(java.net.SocketException.class);
  }
}
