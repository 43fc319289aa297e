package io.dmagent.pushsip;

import static io.dmagent.pushsip.SipRequests.ascii;
import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.push.PushMessage;
import io.dmagent.api.push.PushOutcome;
import io.dmagent.api.push.PushVerdict;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pushes in UDP datagrams, one request each, through a real socket. */
class SipPushOverUdpTest {
  private Binding binding;

  @BeforeEach
  void listen() throws Exception {
    binding = new Binding();
  }

  @AfterEach
  void stop() throws Exception {
    binding.close();
  }

  @Test
  void a_message_hands_its_exact_body_and_type_to_the_receiver_and_is_answered_202()
      throws Exception {
    byte[] body = SipRequests.binaryBody();

    String answer = binding.udp(SipRequests.message(body));

    assertThat(binding.receiver.received).hasSize(1);
    PushMessage push = binding.receiver.received.get(0);
    assertThat(push.body()).isEqualTo(body);
    assertThat(push.contentType()).isEqualTo(SipRequests.NOTIFICATION);
    assertThat(push.binding()).isEqualTo("sip");
    assertThat(push.origin()).startsWith("udp:127.0.0.1:");
    assertThat(answer)
        .startsWith("SIP/2.0 202 Accepted\r\n")
        .contains(
            "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK776asdhds\r\n"
                + "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKnashds8\r\n")
        .contains("From: <sip:dmserver@example.com>;tag=49583\r\n")
        .containsPattern("To: <sip:IMEI:493005100592800@127.0.0.1>;tag=dm[0-9a-f]+\r\n")
        .contains("Call-ID: a84b4c76e66710@dmserver\r\n")
        .contains("CSeq: 314159 MESSAGE\r\n")
        .endsWith("Content-Length: 0\r\n\r\n");
  }

  @Test
  void a_retransmission_gets_the_same_to_tag() throws Exception {
    String first = binding.udp(SipRequests.message(SipRequests.binaryBody()));
    String again = binding.udp(SipRequests.message(SipRequests.binaryBody()));

    assertThat(again).isEqualTo(first);
  }

  @ParameterizedTest
  @CsvSource({
    "ACCEPTED, 202 Accepted",
    "QUEUED, 202 Accepted",
    "DUPLICATE, 200 OK",
    "DECLINED, 200 OK",
    "MALFORMED, 400 Bad Request",
    "UNAUTHENTICATED, 403 Forbidden",
    "UNKNOWN_SERVER, 403 Forbidden",
    "TOO_LARGE, 413 Request Entity Too Large",
    "UNSUPPORTED_TYPE, 415 Unsupported Media Type",
    "EXPIRED, 410 Gone",
    "RATE_LIMITED, 503 Service Unavailable"
  })
  void the_receivers_verdict_is_the_status(PushOutcome outcome, String status) throws Exception {
    binding.receiver.verdict = PushVerdict.of(outcome, "because \"so\"\r\n");

    String answer = binding.udp(SipRequests.message(SipRequests.binaryBody()));

    assertThat(answer).startsWith("SIP/2.0 " + status + "\r\n");
    if (outcome.taken()) {
      assertThat(answer).doesNotContain("Warning:");
    } else {
      assertThat(answer).contains("Warning: 399 dmagent \"because ?so???\"\r\n");
    }
    assertThat(answer.contains("Retry-After: 7\r\n"))
        .isEqualTo(outcome == PushOutcome.RATE_LIMITED);
  }

  @Test
  void options_is_answered_200_with_what_is_allowed_and_accepted() throws Exception {
    String answer = binding.udp(SipRequests.bare("OPTIONS"));

    assertThat(answer)
        .startsWith("SIP/2.0 200 OK\r\n")
        .contains("Allow: MESSAGE, NOTIFY, OPTIONS\r\n")
        .contains("Accept: application/vnd.syncml.notification, ");
    assertThat(binding.receiver.received).isEmpty();
  }

  @Test
  void another_method_is_answered_405_with_allow() throws Exception {
    String answer = binding.udp(SipRequests.bare("SUBSCRIBE"));

    assertThat(answer)
        .startsWith("SIP/2.0 405 Method Not Allowed\r\n")
        .contains("Allow: MESSAGE, NOTIFY, OPTIONS\r\n");
    assertThat(binding.receiver.received).isEmpty();
  }

  @Test
  void an_ack_is_never_answered() throws Exception {
    assertThat(binding.udp(SipRequests.bare("ACK"))).isNull();
  }

  @Test
  void a_notify_of_the_dm_push_event_is_a_push() throws Exception {
    byte[] body = SipRequests.binaryBody();

    String answer =
        binding.udp(
            SipRequests.withBody("NOTIFY", SipRequests.NOTIFICATION, body, "Event: dm-push\r\n"));

    assertThat(answer).startsWith("SIP/2.0 202 Accepted\r\n").contains("CSeq: 314159 NOTIFY\r\n");
    assertThat(binding.receiver.received).extracting(PushMessage::body).containsExactly(body);
  }

  @Test
  void a_notify_of_another_event_is_answered_489_and_not_pushed() throws Exception {
    String answer =
        binding.udp(
            SipRequests.withBody(
                "NOTIFY", SipRequests.NOTIFICATION, SipRequests.binaryBody(), "o: presence\r\n"));

    assertThat(answer).startsWith("SIP/2.0 489 Bad Event\r\n");
    assertThat(binding.receiver.received).isEmpty();
    assertThat(binding.log).singleElement().asString().contains("'presence'");
  }

  @Test
  void compact_header_forms_are_understood() throws Exception {
    byte[] body = SipRequests.binaryBody();
    String head =
        "MESSAGE sip:dev@127.0.0.1 SIP/2.0\r\n"
            + "v: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\n"
            + "f: <sip:s@x>;tag=1\r\n"
            + "t: <sip:dev@x>\r\n"
            + "i: 42@x\r\n"
            + "CSeq: 1 MESSAGE\r\n"
            + "c: application/vnd.syncml.dm.notification\r\n"
            + "l: "
            + body.length
            + "\r\n\r\n";

    String answer = binding.udp(SipRequests.join(head, body));

    assertThat(answer).startsWith("SIP/2.0 202 Accepted\r\n").contains("Call-ID: 42@x\r\n");
    assertThat(binding.receiver.received.get(0).contentType())
        .isEqualTo("application/vnd.syncml.dm.notification");
  }

  @Test
  void a_body_over_the_receivers_limit_is_answered_413_without_reaching_it() throws Exception {
    binding.receiver.maxMessageSize = 10;

    String answer = binding.udp(SipRequests.message(SipRequests.binaryBody()));

    assertThat(answer).startsWith("SIP/2.0 413 Request Entity Too Large\r\n");
    assertThat(binding.receiver.received).isEmpty();
  }

  @Test
  void a_push_without_content_type_is_answered_415() throws Exception {
    String answer =
        binding.udp(
            SipRequests.join(
                SipRequests.head("MESSAGE", "Content-Length: 3\r\n\r\n"), new byte[] {1, 2, 3}));

    assertThat(answer).startsWith("SIP/2.0 415 Unsupported Media Type\r\n");
    assertThat(binding.receiver.received).isEmpty();
  }

  @Test
  void without_content_length_the_body_is_the_rest_of_the_datagram() throws Exception {
    byte[] body = SipRequests.binaryBody();

    String answer =
        binding.udp(
            SipRequests.join(
                SipRequests.head(
                    "MESSAGE", "Content-Type: " + SipRequests.NOTIFICATION + "\r\n\r\n"),
                body));

    assertThat(answer).startsWith("SIP/2.0 202");
    assertThat(binding.receiver.received.get(0).body()).isEqualTo(body);
  }

  @Test
  void bytes_after_content_length_are_ignored() throws Exception {
    byte[] body = SipRequests.binaryBody();
    byte[] request = SipRequests.message(body);
    byte[] padded = Arrays.copyOf(request, request.length + 5);

    binding.udp(padded);

    assertThat(binding.receiver.received.get(0).body()).isEqualTo(body);
  }

  @Test
  void a_content_length_beyond_the_datagram_is_answered_400() throws Exception {
    byte[] request = SipRequests.message(SipRequests.binaryBody());

    String answer = binding.udp(Arrays.copyOf(request, request.length - 1));

    assertThat(answer).startsWith("SIP/2.0 400 Bad Request\r\n").contains("Warning: 399 dmagent");
    assertThat(binding.receiver.received).isEmpty();
    assertThat(binding.log).singleElement().asString().contains("Content-Length 64 but 63");
  }

  @Test
  void a_negative_content_length_is_answered_400() throws Exception {
    String answer =
        binding.udp(
            ascii(
                SipRequests.head(
                    "MESSAGE",
                    "Content-Type: "
                        + SipRequests.NOTIFICATION
                        + "\r\nContent-Length: -4\r\n\r\nabcd")));

    assertThat(answer).startsWith("SIP/2.0 400 Bad Request\r\n");
    assertThat(binding.receiver.received).isEmpty();
    assertThat(binding.log).singleElement().asString().contains("'-4'");
  }

  @Test
  void a_request_without_the_empty_line_is_answered_400() throws Exception {
    String head = SipRequests.head("MESSAGE", "Content-Type: " + SipRequests.NOTIFICATION);

    String answer = binding.udp(ascii(head));

    assertThat(answer).startsWith("SIP/2.0 400 Bad Request\r\n");
    assertThat(binding.log).singleElement().asString().contains("no empty line");
  }

  @Test
  void a_cseq_of_another_method_is_answered_400() throws Exception {
    String request = new String(SipRequests.bare("OPTIONS")).replace("314159 OPTIONS", "1 INVITE");

    assertThat(binding.udp(ascii(request))).startsWith("SIP/2.0 400 Bad Request\r\n");
  }

  @Test
  void garbage_is_dropped_with_one_log_line_and_the_listener_serves_on() throws Exception {
    assertThat(binding.udp(ascii("\u0000\u00ff garbage \u001b[2J\r\n\r\n"))).isNull();
    assertThat(binding.udp(ascii("SIP/2.0 200 OK\r\n\r\n"))).isNull();
    assertThat(binding.udp(ascii("\r\n\r\n"))).isNull();

    assertThat(binding.log).hasSize(2);
    assertThat(binding.log.get(0)).contains("dropped").doesNotContain("\u001b");
    assertThat(binding.udp(SipRequests.bare("OPTIONS"))).startsWith("SIP/2.0 200 OK");
  }

  @Test
  void headers_beyond_the_bound_are_answered_513() throws Exception {
    String huge = SipRequests.head("MESSAGE", "X-Pad: " + "a".repeat(20_000) + "\r\n\r\n");

    String answer = binding.udp(ascii(huge));

    assertThat(answer).startsWith("SIP/2.0 513 Message Too Large\r\n");
    assertThat(binding.receiver.received).isEmpty();
  }

  @Test
  void more_than_a_hundred_header_fields_are_answered_400() throws Exception {
    String request = SipRequests.head("MESSAGE", "X-Field: 1\r\n".repeat(100) + "\r\n");

    String answer = binding.udp(ascii(request));

    assertThat(answer).startsWith("SIP/2.0 400 Bad Request\r\n").contains("more than 100");
    assertThat(binding.receiver.received).isEmpty();
  }

  @Test
  void a_datagram_over_the_configured_size_is_answered_513() throws Exception {
    binding.close();
    binding = new Binding(600, 4, 2_000);

    String answer = binding.udp(SipRequests.message(new byte[700]));

    assertThat(answer).startsWith("SIP/2.0 513 Message Too Large\r\n");
    assertThat(binding.receiver.received).isEmpty();
  }

  @Test
  void a_flood_of_garbage_leaves_a_valid_push_served() throws Exception {
    try (DatagramSocket flood = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      byte[] junk = ascii("MESSAGE nonsense\r\n\r\n");
      for (int i = 0; i < 10_000; i++) {
        flood.send(
            new DatagramPacket(
                junk, junk.length, InetAddress.getLoopbackAddress(), binding.udp.port()));
      }
    }

    // UDP may lose a datagram behind a full socket buffer; a SIP client retransmits (RFC 3261
    // 17.1.2)
    String answer = null;
    for (int attempt = 0; answer == null && attempt < 3; attempt++) {
      answer = binding.udp(SipRequests.message(SipRequests.binaryBody()));
    }

    assertThat(answer).startsWith("SIP/2.0 202 Accepted");
    assertThat(binding.receiver.received).isNotEmpty();
  }

  @Test
  void closing_frees_the_port_at_once() throws Exception {
    int port = binding.udp.port();
    binding.close();

    try (DatagramSocket again = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
  }
}
