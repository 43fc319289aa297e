package io.dmagent.pushsip;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.push.PushMessage;
import io.dmagent.api.push.PushOutcome;
import io.dmagent.api.push.PushVerdict;
import io.dmagent.api.testing.ExternalTool;
import io.dmagent.api.testing.Sipp;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The binding against SIP tools from Debian, started by the test: sipsak (package sipsak) and SIPp
 * (package sip-tester). sipsak sends a request file with C strings, so its bodies stop at the first
 * NUL byte: it carries a body with every other byte value (CR LF pairs and high bytes included).
 * SIPp's {@code [file]} keyword carries any bytes, so it sends a body with NULs, as a real DM 1.2
 * notification has.
 */
class SipToolsTest {
  @TempDir Path folder;
  private Binding binding;

  @BeforeEach
  void listen() throws Exception {
    binding = new Binding();
  }

  @AfterEach
  void stop() throws Exception {
    binding.close();
  }

  /** Every byte value but NUL, a CRLFCRLF in the middle. */
  private static byte[] noNulBody() {
    byte[] body = new byte[259];
    for (int i = 0; i < 255; i++) {
      body[i] = (byte) (i + 1);
    }
    body[255] = '\r';
    body[256] = '\n';
    body[257] = '\r';
    body[258] = '\n';
    return body;
  }

  private int port(String transport) {
    return transport.equals("tcp") ? binding.tcp.port() : binding.udp.port();
  }

  private ExternalTool.Run sipsakMessage(String transport, byte[] body) throws Exception {
    ExternalTool sipsak = ExternalTool.require("sipsak", "sipsak");
    int port = port(transport);
    Path request = folder.resolve("message.sip");
    Files.write(
        request,
        SipRequests.join(
            "MESSAGE sip:IMEI1@127.0.0.1:"
                + port
                + " SIP/2.0\r\n"
                + "From: <sip:dmserver@127.0.0.1>;tag=1928301774\r\n"
                + "To: <sip:IMEI1@127.0.0.1>\r\n"
                + "Call-ID: sipsak-push@127.0.0.1\r\n"
                + "CSeq: 1 MESSAGE\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Type: "
                + SipRequests.NOTIFICATION
                + "\r\n"
                + "Content-Length: "
                + body.length
                + "\r\n\r\n",
            body));
    return sipsak.run(
        folder,
        "-vv",
        "-L",
        "-E",
        transport,
        "-f",
        request.toString(),
        "-s",
        "sip:IMEI1@127.0.0.1:" + port);
  }

  @ParameterizedTest
  @ValueSource(strings = {"udp", "tcp"})
  void sipsak_message_reaches_the_receiver_byte_for_byte(String transport) throws Exception {
    byte[] body = noNulBody();

    ExternalTool.Run run = sipsakMessage(transport, body);

    assertThat(run.output()).contains("SIP/2.0 202 Accepted");
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(binding.receiver.received).extracting(PushMessage::body).containsExactly(body);
    assertThat(binding.receiver.received.get(0).origin()).startsWith(transport + ":127.0.0.1:");
  }

  @ParameterizedTest
  @ValueSource(strings = {"udp", "tcp"})
  void sipsak_sees_the_refusal_of_an_unauthenticated_push(String transport) throws Exception {
    binding.receiver.verdict = PushVerdict.of(PushOutcome.UNAUTHENTICATED, "digest differs");

    ExternalTool.Run run = sipsakMessage(transport, noNulBody());

    assertThat(run.output()).contains("SIP/2.0 403 Forbidden");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"udp", "tcp"})
  void sipsak_ping_with_options_is_answered_200(String transport) throws Exception {
    ExternalTool sipsak = ExternalTool.require("sipsak", "sipsak");

    ExternalTool.Run run =
        sipsak.run(folder, "-vv", "-E", transport, "-s", "sip:IMEI1@127.0.0.1:" + port(transport));

    assertThat(run.output()).contains("SIP/2.0 200 OK");
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(binding.receiver.received).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"u1", "t1"})
  void sipp_message_with_a_binary_body_reaches_the_receiver_byte_for_byte(String transport)
      throws Exception {
    byte[] body = SipRequests.binaryBody();
    int port = transport.equals("t1") ? binding.tcp.port() : binding.udp.port();

    ExternalTool.Run run = Sipp.pushMessage(folder, transport, "IMEI1", body, "127.0.0.1:" + port);

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(binding.receiver.received).extracting(PushMessage::body).containsExactly(body);
  }
}
