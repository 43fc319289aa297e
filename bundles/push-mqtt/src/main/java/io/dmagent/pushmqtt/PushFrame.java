package io.dmagent.pushmqtt;

import io.dmagent.api.push.PushContentType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One MQTT push frame: a line {@code Content-Type: <mime>\r\n}, an empty line, then the payload; a
 * payload without that line is a DM 1.2 notification (the framing every binding follows, our
 * interpretation: MQTT 3.1.1 has no message properties to carry a content type).
 */
record PushFrame(String contentType, byte[] body) {
  private static final byte[] PREFIX = "content-type:".getBytes(StandardCharsets.US_ASCII);

  /** The longest header line taken, CRLF included: a MIME type with parameters fits easily. */
  static final int MAX_HEADER_LINE = 256;

  /** Thrown for a frame that starts like a header but is not one; the message says why. */
  static final class MalformedFrameException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedFrameException(String reason) {
      super(reason);
    }
  }

  /** Splits {@code payload} into its content type and body. */
  static PushFrame parse(byte[] payload) throws MalformedFrameException {
    if (!startsWithHeader(payload)) {
      return new PushFrame(PushContentType.DM12_NOTIFICATION.mimeType(), payload);
    }
    int lineEnd = indexOfCrLf(payload, Math.min(payload.length, MAX_HEADER_LINE));
    if (lineEnd < 0) {
      throw new MalformedFrameException(
          "Content-Type line without CRLF in its first " + MAX_HEADER_LINE + " bytes");
    }
    String type = headerValue(payload, lineEnd);
    int bodyStart = lineEnd + 4;
    if (payload.length < bodyStart
        || payload[lineEnd + 2] != '\r'
        || payload[lineEnd + 3] != '\n') {
      throw new MalformedFrameException("no empty line after the Content-Type line");
    }
    return new PushFrame(type, Arrays.copyOfRange(payload, bodyStart, payload.length));
  }

  private static boolean startsWithHeader(byte[] payload) {
    if (payload.length < PREFIX.length) {
      return false;
    }
    for (int i = 0; i < PREFIX.length; i++) {
      if (Character.toLowerCase((char) (payload[i] & 0xFF)) != PREFIX[i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOfCrLf(byte[] payload, int limit) {
    for (int i = 0; i + 1 < limit; i++) {
      if (payload[i] == '\r' && payload[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static String headerValue(byte[] payload, int lineEnd) throws MalformedFrameException {
    for (int i = PREFIX.length; i < lineEnd; i++) {
      int b = payload[i] & 0xFF;
      if (b < 0x20 || b > 0x7E) {
        throw new MalformedFrameException(
            "Content-Type line with a byte that is not printable ASCII");
      }
    }
    String value =
        new String(payload, PREFIX.length, lineEnd - PREFIX.length, StandardCharsets.US_ASCII)
            .trim();
    if (value.isEmpty()) {
      throw new MalformedFrameException("empty Content-Type");
    }
    return value;
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PushFrame f
        && f.contentType.equals(contentType)
        && Arrays.equals(f.body, body);
  }

  @Override
  public int hashCode() {
    return 31 * contentType.hashCode() + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "PushFrame[" + contentType + ", " + body.length + " bytes]";
  }
}
