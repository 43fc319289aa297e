package io.dmagent.pushhttp;

import io.dmagent.api.log.WireText;
import io.dmagent.api.push.PushMessage;
import io.dmagent.api.push.PushOutcome;
import io.dmagent.api.push.PushReceiver;
import io.dmagent.api.push.PushVerdict;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * One POSTed push (FRAMINGS: HTTP): Content-Type required, the body read up to the receiver's bound
 * and no further, handed to the {@link PushReceiver}; the answer is the verdict's HTTP status, an
 * empty body and the reason in {@value #REASON}. The binding refuses only what never reaches the
 * receiver (method, no type, too large), each with one log line.
 */
final class PushExchange {
  static final String REASON = "X-DM-Push-Reason";

  private final PushReceiver receiver;
  private final Consumer<String> log;

  PushExchange(PushReceiver receiver, Consumer<String> log) {
    this.receiver = receiver;
    this.log = log;
  }

  void serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String origin = request.getRemoteAddr() + ":" + request.getRemotePort();
    if (!"POST".equals(request.getMethod())) {
      response.setHeader("Allow", "POST");
      answer(response, origin, 405, "only POST takes a push");
      return;
    }
    String type = request.getContentType();
    if (type == null || type.isBlank()) {
      answer(response, origin, PushOutcome.UNSUPPORTED_TYPE.httpStatus(), "Content-Type required");
      return;
    }
    int max = receiver.maxMessageSize();
    long declared = request.getContentLengthLong();
    byte[] body = declared > max ? null : readAtMost(request.getInputStream(), max);
    if (body == null) {
      answer(response, origin, PushOutcome.TOO_LARGE.httpStatus(), "larger than " + max + " bytes");
      return;
    }
    PushVerdict verdict = receiver.receive(new PushMessage("http", type, body, origin));
    response.setStatus(verdict.outcome().httpStatus());
    response.setHeader(REASON, headerText(verdict.reason()));
    response.setContentLength(0);
  }

  private void answer(HttpServletResponse response, String origin, int status, String reason) {
    log.accept(
        "push over http from "
            + WireText.quote(origin)
            + " refused: "
            + status
            + " ("
            + reason
            + ")");
    response.setStatus(status);
    response.setHeader(REASON, reason);
    response.setContentLength(0);
  }

  /** The body, or null when it holds more than {@code max} bytes (reading stops there). */
  static byte[] readAtMost(InputStream in, int max) throws IOException {
    byte[] body = in.readNBytes(max + 1);
    return body.length > max ? null : body;
  }

  /** A header value: printable ASCII only, whatever the reason quotes. */
  static String headerText(String reason) {
    StringBuilder b = new StringBuilder(reason.length());
    for (char c : reason.toCharArray()) {
      b.append(c >= 0x20 && c < 0x7F ? c : '?');
    }
    return b.toString();
  }
}
