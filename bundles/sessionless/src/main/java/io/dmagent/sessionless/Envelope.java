package io.dmagent.sessionless;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.push.PushContentType;
import io.dmagent.api.security.HmacHeader;
import io.dmagent.api.tree.DmException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The sessionless envelope (our interpretation of DM 1.3, docs/CONFORMANCE.md): header lines
 * ({@code x-syncml-hmac}, {@code x-dm-timestamp}, {@code x-dm-report}, {@code x-dm-report-ids},
 * {@code x-dm-outcome-of}, {@code Content-Type}), an empty line, then one DM message. The same
 * bytes for commands (server to agent) and reports (agent to server), on every carrier. Parsing is
 * bounded: the header part is at most {@link #MAX_HEADER_BYTES} of printable ASCII.
 */
record Envelope(
    HmacHeader hmac,
    long timestamp,
    boolean reportOutcome,
    List<String> reportIds,
    PushContentType contentType,
    byte[] message,
    Optional<String> outcomeOf) {
  static final int MAX_HEADER_BYTES = 4096;
  static final String TIMESTAMP = "x-dm-timestamp";
  static final String REPORT = "x-dm-report";
  static final String REPORT_IDS = "x-dm-report-ids";
  static final String OUTCOME_OF = "x-dm-outcome-of";

  /** The longest SessionID {@code x-dm-outcome-of} carries (a timestamp in hex has 11 or 12). */
  static final int MAX_OUTCOME_OF = 64;

  static final String CONTENT_TYPE = "content-type";
  private static final String CRLF = "\r\n";

  Envelope {
    Objects.requireNonNull(hmac);
    reportIds = List.copyOf(reportIds);
    if (contentType.isNotification()) {
      throw new IllegalArgumentException("an envelope carries a DM message, not a notification");
    }
    message = message.clone();
    if (outcomeOf.isPresent() && !isOutcomeOf(outcomeOf.get())) {
      throw new IllegalArgumentException("x-dm-outcome-of is not a SessionID token");
    }
  }

  /** An envelope that answers no command: a command, or a report of Alerts. */
  Envelope(
      HmacHeader hmac,
      long timestamp,
      boolean reportOutcome,
      List<String> reportIds,
      PushContentType contentType,
      byte[] message) {
    this(hmac, timestamp, reportOutcome, reportIds, contentType, message, Optional.empty());
  }

  /**
   * Whether {@code sessionId} can stand in {@code x-dm-outcome-of}: 1 to {@value #MAX_OUTCOME_OF}
   * visible ASCII characters, so that a SessionID from the wire can never break the header line.
   */
  static boolean isOutcomeOf(String sessionId) {
    return !sessionId.isEmpty()
        && sessionId.length() <= MAX_OUTCOME_OF
        && sessionId.chars().allMatch(c -> c > 0x20 && c < 0x7f);
  }

  @Override
  public byte[] message() {
    return message.clone();
  }

  Encoding encoding() {
    return contentType == PushContentType.DM_MESSAGE_WBXML ? Encoding.WBXML : Encoding.XML;
  }

  /** The MAC's nonce: the timestamp as ASCII decimal digits. */
  static byte[] nonce(long timestamp) {
    return Long.toString(timestamp).getBytes(StandardCharsets.US_ASCII);
  }

  /** Whether the MAC is the one {@code secret} gives for the DM message and the timestamp. */
  boolean verifies(String secret) {
    return hmac.verifies(secret, nonce(timestamp), message);
  }

  /** The bytes on the wire. */
  byte[] write() {
    StringBuilder head = new StringBuilder();
    head.append(HmacHeader.NAME).append(": ").append(hmac.value()).append(CRLF);
    head.append(TIMESTAMP).append(": ").append(timestamp).append(CRLF);
    if (reportOutcome) {
      head.append(REPORT).append(": outcome").append(CRLF);
    }
    if (!reportIds.isEmpty()) {
      head.append(REPORT_IDS).append(": ").append(String.join(",", reportIds)).append(CRLF);
    }
    outcomeOf.ifPresent(id -> head.append(OUTCOME_OF).append(": ").append(id).append(CRLF));
    head.append("Content-Type: ").append(contentType.mimeType()).append(CRLF).append(CRLF);
    ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + message.length);
    out.writeBytes(head.toString().getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(message);
    return out.toByteArray();
  }

  /** Does not start with {@code x-syncml-hmac:}: a bare DM message, or anything else unsigned. */
  static final class UnsignedException extends Exception {
    private static final long serialVersionUID = 1L;

    UnsignedException() {
      super("not a signed sessionless envelope (no " + HmacHeader.NAME + " first)");
    }
  }

  /** Signed, but its header part is not what the framing says. */
  static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }

  /**
   * Parses an envelope.
   *
   * @throws UnsignedException when it does not start with {@code x-syncml-hmac:}
   * @throws MalformedException when its header part is unreadable, too long, or lacks the timestamp
   *     or the Content-Type of a DM message
   */
  static Envelope parse(byte[] bytes) throws UnsignedException, MalformedException {
    byte[] prefix = (HmacHeader.NAME + ":").getBytes(StandardCharsets.US_ASCII);
    if (bytes.length < prefix.length
        || !new String(bytes, 0, prefix.length, StandardCharsets.US_ASCII)
            .equalsIgnoreCase(HmacHeader.NAME + ":")) {
      throw new UnsignedException();
    }
    int end = headerEnd(bytes);
    Map<String, String> headers = headers(new String(bytes, 0, end, StandardCharsets.US_ASCII));
    HmacHeader hmac;
    try {
      hmac = HmacHeader.parse(headers.get(HmacHeader.NAME));
    } catch (DmException e) {
      throw new MalformedException("unreadable " + HmacHeader.NAME);
    }
    long timestamp = timestamp(required(headers, TIMESTAMP));
    PushContentType type =
        PushContentType.fromMimeType(required(headers, CONTENT_TYPE))
            .filter(t -> !t.isNotification())
            .orElseThrow(() -> new MalformedException("Content-Type is not a DM message type"));
    boolean outcome =
        Optional.ofNullable(headers.get(REPORT))
            .map(v -> v.trim().equalsIgnoreCase("outcome"))
            .orElse(false);
    List<String> ids =
        Optional.ofNullable(headers.get(REPORT_IDS))
            .map(v -> Arrays.stream(v.split(",")).map(String::trim).toList())
            .orElse(List.of());
    Optional<String> outcomeOf = Optional.ofNullable(headers.get(OUTCOME_OF));
    if (outcomeOf.isPresent() && !isOutcomeOf(outcomeOf.get())) {
      throw new MalformedException(OUTCOME_OF + " is not a SessionID");
    }
    byte[] body = Arrays.copyOfRange(bytes, end, bytes.length);
    if (body.length == 0) {
      throw new MalformedException("no DM message after the header lines");
    }
    return new Envelope(hmac, timestamp, outcome, ids, type, body, outcomeOf);
  }

  /** Where the DM message starts: after the first CRLF CRLF (or LF LF) within the bound. */
  private static int headerEnd(byte[] bytes) throws MalformedException {
    int limit = Math.min(bytes.length, MAX_HEADER_BYTES);
    for (int i = 0; i < limit; i++) {
      byte b = bytes[i];
      if (b == '\n' && i + 1 < bytes.length && bytes[i + 1] == '\n') {
        return i + 2;
      }
      if (b == '\n' && i + 2 < bytes.length && bytes[i + 1] == '\r' && bytes[i + 2] == '\n') {
        return i + 3;
      }
      if ((b < 0x20 && b != '\r' && b != '\n' && b != '\t') || b >= 0x7f) {
        throw new MalformedException("header lines hold a byte that is not printable ASCII");
      }
    }
    throw new MalformedException("no empty line within the first " + MAX_HEADER_BYTES + " bytes");
  }

  private static Map<String, String> headers(String head) throws MalformedException {
    Map<String, String> headers = new HashMap<>();
    for (String line : head.split("\r?\n")) {
      if (line.isEmpty()) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new MalformedException("a header line without a name");
      }
      String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      if (headers.put(name, line.substring(colon + 1).trim()) != null) {
        throw new MalformedException("a header line twice");
      }
    }
    return headers;
  }

  private static String required(Map<String, String> headers, String name)
      throws MalformedException {
    String v = headers.get(name);
    if (v == null || v.isEmpty()) {
      throw new MalformedException("no " + name);
    }
    return v;
  }

  private static long timestamp(String value) throws MalformedException {
    if (value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new MalformedException(TIMESTAMP + " is not decimal milliseconds");
    }
    return Long.parseLong(value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Envelope e
        && e.hmac.equals(hmac)
        && e.timestamp == timestamp
        && e.reportOutcome == reportOutcome
        && e.reportIds.equals(reportIds)
        && e.contentType == contentType
        && Arrays.equals(e.message, message)
        && e.outcomeOf.equals(outcomeOf);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        hmac, timestamp, reportIds, contentType, Arrays.hashCode(message), outcomeOf);
  }

  @Override
  public String toString() {
    return "Envelope[" + hmac.username() + ", " + timestamp + ", " + message.length + " bytes]";
  }
}
