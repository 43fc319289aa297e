package io.dmagent.transport.http;

import io.dmagent.api.log.WireText;
import io.dmagent.api.transport.TransportException;
import io.dmagent.api.transport.TransportException.Kind;
import io.dmagent.api.transport.TransportRequest;
import io.dmagent.api.transport.TransportResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 as the DM HTTP binding uses it: one POST out, one response in, with the headers real
 * servers expect (media types in Content-Type and Accept, {@code Cache-Control: no-store,
 * no-transform, private} so that no proxy keeps or rewrites a message). Every length the server
 * controls is bounded.
 */
final class HttpWire {
  static final String ACCEPT =
      "application/vnd.syncml.dm+wbxml, application/vnd.syncml.dm+xml, "
          + "application/vnd.syncml+wbxml;q=0.5, application/vnd.syncml+xml;q=0.5";
  static final String CACHE_CONTROL = "no-store, no-transform, private";

  private final HttpLimits limits;

  HttpWire(HttpLimits limits) {
    this.limits = limits;
  }

  void writeRequest(OutputStream out, TransportRequest request) throws IOException {
    URI target = request.target();
    String path =
        target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
    String query = target.getRawQuery() == null ? "" : "?" + target.getRawQuery();
    byte[] body = request.body();
    StringBuilder head = new StringBuilder(256);
    head.append("POST ").append(path).append(query).append(" HTTP/1.1\r\n");
    header(head, "Host", hostHeader(target));
    header(head, "Content-Type", request.mediaType().mimeType());
    header(head, "Content-Length", Integer.toString(body.length));
    header(head, "Accept", ACCEPT);
    header(head, "Accept-Charset", "utf-8");
    header(head, "Cache-Control", CACHE_CONTROL);
    header(head, "User-Agent", limits.userAgent());
    for (Map.Entry<String, String> h : request.headers().entrySet()) {
      header(head, h.getKey(), h.getValue());
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
  }

  private static void header(StringBuilder head, String name, String value) {
    if (name.indexOf('\r') >= 0
        || name.indexOf('\n') >= 0
        || value.indexOf('\r') >= 0
        || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("line break in HTTP header " + name);
    }
    head.append(name).append(": ").append(value).append("\r\n");
  }

  private static String hostHeader(URI target) {
    String host = target.getHost();
    if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return target.getPort() > 0 ? host + ":" + target.getPort() : host;
  }

  /** Reads one response. The result says whether the connection may carry the next exchange. */
  ReadResponse readResponse(InputStream in) throws IOException {
    String statusLine = readLine(in);
    if (statusLine == null) {
      throw new ConnectionClosedException();
    }
    int status = parseStatus(statusLine);
    Map<String, String> headers = readHeaders(in);
    // 204 and 304 never have a body (RFC 9112 6.3): a sessionless report's receiver answers 204.
    boolean bodyless = status == 204 || status == 304;
    byte[] body = bodyless ? new byte[0] : readBody(in, headers);
    boolean http10 = statusLine.startsWith("HTTP/1.0");
    String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
    boolean keepAlive =
        !connection.contains("close")
            && (!http10 || connection.contains("keep-alive"))
            && (bodyless || headers.containsKey("content-length") || isChunked(headers));
    return new ReadResponse(
        new TransportResponse(status, headers.get("content-type"), headers, body), keepAlive);
  }

  record ReadResponse(TransportResponse response, boolean keepAlive) {}

  /**
   * The server closed a kept-alive connection before answering: the request may be sent again on a
   * new one.
   */
  static final class ConnectionClosedException extends IOException {
    private static final long serialVersionUID = 1L;

    ConnectionClosedException() {
      super("connection closed by the server before the response");
    }
  }

  private static int parseStatus(String line) throws TransportException {
    String[] parts = line.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new TransportException(
          Kind.PROTOCOL, "not an HTTP status line: " + WireText.quote(line));
    }
    try {
      int status = Integer.parseInt(parts[1]);
      if (status < 100 || status > 599) {
        throw new NumberFormatException();
      }
      return status;
    } catch (NumberFormatException e) {
      throw new TransportException(Kind.PROTOCOL, "bad HTTP status: " + WireText.quote(line));
    }
  }

  private Map<String, String> readHeaders(InputStream in) throws IOException {
    Map<String, String> headers = new TreeMap<>();
    for (int count = 0; ; count++) {
      String line = readLine(in);
      if (line == null) {
        throw new TransportException(Kind.PROTOCOL, "connection closed inside the HTTP header");
      }
      if (line.isEmpty()) {
        return headers;
      }
      if (count >= HttpLimits.MAX_HEADERS) {
        throw new TransportException(
            Kind.TOO_LARGE, "more than " + HttpLimits.MAX_HEADERS + " HTTP headers");
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new TransportException(
            Kind.PROTOCOL, "malformed HTTP header: " + WireText.quote(line));
      }
      headers.merge(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim(),
          (a, b) -> a + ", " + b);
    }
  }

  private byte[] readBody(InputStream in, Map<String, String> headers) throws IOException {
    if (isChunked(headers)) {
      return readChunked(in);
    }
    String length = headers.get("content-length");
    if (length == null) {
      return readUntilClose(in);
    }
    long n;
    try {
      n = Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      throw new TransportException(Kind.PROTOCOL, "bad Content-Length: " + WireText.quote(length));
    }
    if (n < 0) {
      throw new TransportException(Kind.PROTOCOL, "negative Content-Length");
    }
    checkSize(n);
    return readExactly(in, (int) n);
  }

  private static boolean isChunked(Map<String, String> headers) {
    return headers
        .getOrDefault("transfer-encoding", "")
        .toLowerCase(Locale.ROOT)
        .contains("chunked");
  }

  private byte[] readChunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String line = readLine(in);
      if (line == null) {
        throw new TransportException(Kind.PROTOCOL, "connection closed inside a chunked body");
      }
      int semi = line.indexOf(';');
      long size;
      try {
        size = Long.parseLong((semi < 0 ? line : line.substring(0, semi)).trim(), 16);
      } catch (NumberFormatException e) {
        throw new TransportException(Kind.PROTOCOL, "bad chunk size: " + WireText.quote(line));
      }
      if (size == 0) {
        readHeaders(in); // trailers
        return body.toByteArray();
      }
      checkSize(body.size() + size);
      body.write(readExactly(in, (int) size));
      if (!"".equals(readLine(in))) {
        throw new TransportException(Kind.PROTOCOL, "chunk not followed by CRLF");
      }
    }
  }

  private byte[] readUntilClose(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    for (int r; (r = in.read(buf)) >= 0; ) {
      checkSize((long) body.size() + r);
      body.write(buf, 0, r);
    }
    return body.toByteArray();
  }

  private void checkSize(long size) throws TransportException {
    if (size > limits.maxResponseBytes()) {
      throw new TransportException(
          Kind.TOO_LARGE,
          "response of " + size + " bytes exceeds the limit of " + limits.maxResponseBytes());
    }
  }

  private static byte[] readExactly(InputStream in, int n) throws IOException {
    byte[] out = in.readNBytes(n);
    if (out.length < n) {
      throw new TransportException(
          Kind.PROTOCOL, "connection closed after " + out.length + " of " + n + " body bytes");
    }
    return out;
  }

  /** A CRLF (or bare LF) terminated ISO-8859-1 line; null at end of stream before any byte. */
  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder(64);
    for (int c; (c = in.read()) >= 0; ) {
      if (c == '\n') {
        int len = line.length();
        return len > 0 && line.charAt(len - 1) == '\r'
            ? line.substring(0, len - 1)
            : line.toString();
      }
      if (line.length() >= HttpLimits.MAX_HEADER_LINE) {
        throw new TransportException(
            Kind.TOO_LARGE, "HTTP header line longer than " + HttpLimits.MAX_HEADER_LINE);
      }
      line.append((char) c);
    }
    if (line.length() == 0) {
      return null;
    }
    throw new TransportException(Kind.PROTOCOL, "connection closed inside an HTTP header line");
  }
}
