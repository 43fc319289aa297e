package io.dmagent.pushsip;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * One UDP datagram, one request (RFC 3261 18.3): the head ends at the first CRLFCRLF, the body is
 * Content-Length bytes after it (the rest of the datagram when there is none); a Content-Length
 * beyond the datagram is answered 400, bytes after the body are ignored.
 */
final class DatagramRequests {
  private final SipRequestHandler handler;
  private final int maxMessageSize;
  private final Consumer<String> log;

  DatagramRequests(SipRequestHandler handler, int maxMessageSize, Consumer<String> log) {
    this.handler = handler;
    this.maxMessageSize = maxMessageSize;
    this.log = log;
  }

  /** The response's bytes, if the datagram gets one. */
  Optional<byte[]> answer(byte[] data, int length, String origin) {
    if (Heads.keepAlive(data, length)) {
      return Optional.empty();
    }
    if (Heads.response(data, length)) {
      log.accept("SIP datagram from " + origin + " dropped: a response, not a request");
      return Optional.empty();
    }
    int end = Heads.end(data, Math.min(length, Heads.MAX_HEAD + 4));
    try {
      SipHead head = SipHeadParser.parse(data, 0, end < 0 ? Math.min(length, Heads.MAX_HEAD) : end);
      if (length > maxMessageSize) {
        throw new SipFormatException(
            SipStatus.MESSAGE_TOO_LARGE,
            "a request over " + maxMessageSize + " bytes",
            head.headers());
      }
      if (end < 0 && length > Heads.MAX_HEAD) {
        throw new SipFormatException(
            SipStatus.MESSAGE_TOO_LARGE,
            "headers over " + Heads.MAX_HEAD + " bytes",
            head.headers());
      }
      if (end < 0) {
        throw new SipFormatException("no empty line after the headers", head.headers());
      }
      byte[] body = body(data, end + 4, length, head.headers());
      return handler.handle(head.withBody(body), origin).map(r -> r.encode(head.headers()));
    } catch (SipFormatException fault) {
      return Refusal.answer(fault, origin, log);
    }
  }

  private static byte[] body(byte[] data, int start, int length, SipHeaders headers)
      throws SipFormatException {
    int available = length - start;
    OptionalInt declared = SipHeadParser.contentLength(headers);
    if (declared.isPresent() && declared.getAsInt() > available) {
      throw new SipFormatException(
          "Content-Length " + declared.getAsInt() + " but " + available + " body bytes came",
          headers);
    }
    return Arrays.copyOfRange(data, start, start + declared.orElse(available));
  }
}
