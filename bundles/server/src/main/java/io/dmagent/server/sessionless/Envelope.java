package io.dmagent.server.sessionless;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The sessionless envelope of FRAMINGS.md, the same on every carrier: header lines ({@code
 * x-syncml-hmac}, {@code x-dm-timestamp}, {@code x-dm-report}, {@code x-dm-report-ids}, {@code
 * x-dm-outcome-of}, {@code Content-Type}), an empty line, one DM message.
 *
 * @param headers by lower-case name, in the order written
 */
public record Envelope(Map<String, String> headers, byte[] message) {
  public static final String HMAC = "x-syncml-hmac";
  public static final String TIMESTAMP = "x-dm-timestamp";
  public static final String REPORT = "x-dm-report";
  public static final String REPORT_IDS = "x-dm-report-ids";
  public static final String OUTCOME_OF = "x-dm-outcome-of";
  public static final String CONTENT_TYPE = "content-type";

  /** The longest header part read: a few lines. */
  static final int MAX_HEAD = 4096;

  public Envelope {
    headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    message = message.clone();
  }

  @Override
  public byte[] message() {
    return message.clone();
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }

  /** The envelope's bytes; names written as FRAMINGS.md spells them. */
  public byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    headers.forEach(
        (name, value) ->
            out.writeBytes(
                ((name.equals(CONTENT_TYPE) ? "Content-Type" : name) + ": " + value + "\r\n")
                    .getBytes(StandardCharsets.UTF_8)));
    out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(message);
    return out.toByteArray();
  }

  /**
   * Reads an envelope.
   *
   * @throws IllegalArgumentException when there is no header part ending in an empty line, or a
   *     line is not {@code name: value}
   */
  public static Envelope parse(byte[] bytes) {
    Objects.requireNonNull(bytes);
    int end = headEnd(bytes);
    if (end < 0) {
      throw new IllegalArgumentException("no empty line within " + MAX_HEAD + " bytes");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    String head = new String(bytes, 0, end, StandardCharsets.UTF_8);
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("header line without a name");
      }
      headers.put(
          line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).strip());
    }
    byte[] message = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
    return new Envelope(headers, message);
  }

  /** Where the header part's CRLF CRLF starts, or -1. */
  private static int headEnd(byte[] b) {
    for (int i = 0; i + 3 < b.length && i < MAX_HEAD; i++) {
      if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
