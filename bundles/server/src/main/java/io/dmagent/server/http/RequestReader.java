package io.dmagent.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one HTTP/1.x request with a Content-Length body, every length a client controls bounded: a
 * line, the head as a whole, the number of header lines and the body.
 */
final class RequestReader {
  static final int MAX_LINE = 8 * 1024;
  static final int MAX_HEAD = 16 * 1024;
  static final int MAX_HEADERS = 100;

  private final int maxBody;

  RequestReader(int maxBody) {
    this.maxBody = maxBody;
  }

  /** Where a request's phases start, for their deadlines and the body's memory. */
  interface Phases {
    /** The first byte of the request arrived. */
    void headStarted();

    /** The head is read; the body of {@code length} bytes is next. */
    void bodyStarted(long length) throws IOException;
  }

  record Request(HttpCall call, boolean keepAlive) {}

  /** Refused as the status says; the message names the problem, never the request's content. */
  static final class BadRequest extends IOException {
    private static final long serialVersionUID = 1L;
    final int status;

    BadRequest(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  /** One request, or null when the client closed the connection between requests. */
  Request read(InputStream in, OutputStream out, String client, Phases phases) throws IOException {
    int first = in.read();
    if (first < 0) {
      return null;
    }
    phases.headStarted();
    int[] budget = {MAX_HEAD};
    String requestLine = readLine(in, first, budget);
    String[] parts = requestLine.split(" ");
    if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
      throw new BadRequest(400, "not an HTTP/1.x request line");
    }
    Map<String, String> headers = readHeaders(in, budget);
    long length = contentLength(headers);
    if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }
    phases.bodyStarted(length);
    byte[] body = in.readNBytes((int) length);
    if (body.length < length) {
      throw new BadRequest(400, "connection closed after " + body.length + " of " + length);
    }
    boolean http10 = parts[2].equals("HTTP/1.0");
    String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
    boolean keepAlive =
        !connection.contains("close") && (!http10 || connection.contains("keep-alive"));
    return new Request(new HttpCall(parts[0], parts[1], headers, body, client), keepAlive);
  }

  private static Map<String, String> readHeaders(InputStream in, int[] budget) throws IOException {
    Map<String, String> headers = new HashMap<>();
    for (int count = 0; ; count++) {
      int first = in.read();
      if (first < 0) {
        throw new BadRequest(400, "connection closed inside the header");
      }
      String line = readLine(in, first, budget);
      if (line.isEmpty()) {
        return headers;
      }
      if (count >= MAX_HEADERS) {
        throw new BadRequest(431, "more than " + MAX_HEADERS + " header lines");
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new BadRequest(400, "malformed header line");
      }
      headers.merge(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim(),
          (a, b) -> a + ", " + b);
    }
  }

  private long contentLength(Map<String, String> headers) throws BadRequest {
    if (headers.containsKey("transfer-encoding")) {
      throw new BadRequest(411, "a DM message needs a Content-Length");
    }
    long length;
    try {
      length = Long.parseLong(headers.getOrDefault("content-length", "0"));
    } catch (NumberFormatException e) {
      throw new BadRequest(400, "bad Content-Length");
    }
    if (length < 0) {
      throw new BadRequest(400, "bad Content-Length");
    }
    if (length > maxBody) {
      throw new BadRequest(413, "message of " + length + " bytes exceeds " + maxBody);
    }
    return length;
  }

  /** A line starting with {@code c}; {@code budget[0]} is what the head may still take. */
  private static String readLine(InputStream in, int c, int[] budget) throws IOException {
    StringBuilder line = new StringBuilder(64);
    for (; c >= 0; c = in.read()) {
      if (--budget[0] < 0) {
        throw new BadRequest(431, "request head longer than " + MAX_HEAD);
      }
      if (c == '\n') {
        int len = line.length();
        return len > 0 && line.charAt(len - 1) == '\r'
            ? line.substring(0, len - 1)
            : line.toString();
      }
      if (line.length() >= MAX_LINE) {
        throw new BadRequest(431, "header line longer than " + MAX_LINE);
      }
      line.append((char) c);
    }
    throw new BadRequest(400, "connection closed inside a header line");
  }
}
