package io.dmagent.pushsip;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * One TCP connection's requests, one after another (RFC 3261 18.3): a head of at most {@link
 * Heads#MAX_HEAD} bytes ended by CRLFCRLF, then exactly Content-Length body bytes, which a stream
 * must declare. A connection is closed when it stays silent for the idle timeout, when one request
 * takes longer than that to arrive, and after any framing fault (what follows it cannot be trusted
 * to start a request).
 */
final class TcpConnection {
  private static final int EOF = -1;
  private static final int EOF_MID_HEAD = -2;
  private static final int HEAD_TOO_LONG = -3;
  private static final int TOO_SLOW = -4;
  private static final int LINGER_MILLIS = 200;
  private static final int LINGER_BYTES = 64 * 1024;

  /** Opens the reader of one accepted connection. */
  interface Factory {
    TcpConnection open(Socket socket) throws IOException;
  }

  private final Socket socket;
  private final SipRequestHandler handler;
  private final int maxMessageSize;
  private final long requestNanos;
  private final Consumer<String> log;
  private final String origin;
  private final byte[] head = new byte[Heads.MAX_HEAD + 4];

  TcpConnection(
      Socket socket,
      SipRequestHandler handler,
      int maxMessageSize,
      int idleTimeoutMillis,
      Consumer<String> log)
      throws IOException {
    this.socket = socket;
    this.handler = handler;
    this.maxMessageSize = maxMessageSize;
    this.requestNanos = idleTimeoutMillis * 1_000_000L;
    this.log = log;
    this.origin = "tcp:" + socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
    socket.setSoTimeout(idleTimeoutMillis);
  }

  /** Serves requests until the peer closes, a timeout, or a framing fault. */
  void serve() throws IOException {
    InputStream in = new BufferedInputStream(socket.getInputStream());
    OutputStream out = socket.getOutputStream();
    try {
      byte[] answer;
      while ((answer = next(in)) != null) {
        if (answer.length > 0) {
          out.write(answer);
          out.flush();
        }
      }
    } catch (SocketTimeoutException idle) {
      // silent for the idle timeout between requests: an ordinary end
    }
  }

  /**
   * The answer to the next request (empty for an ACK), or {@code null} to end the connection (a
   * refusal is written first).
   */
  private byte[] next(InputStream in) throws IOException {
    int length = readHead(in);
    switch (length) {
      case EOF:
        return null;
      case EOF_MID_HEAD:
        log.accept("SIP over TCP from " + origin + ": closed in the middle of a request's headers");
        return null;
      case TOO_SLOW:
        log.accept("SIP over TCP from " + origin + ": a request slower than the idle timeout");
        return null;
      case HEAD_TOO_LONG:
        return refuseAndEnd(tooLong());
      default:
        return request(in, length);
    }
  }

  private byte[] request(InputStream in, int headLength) throws IOException {
    try {
      SipHead parsed = SipHeadParser.parse(head, 0, headLength);
      OptionalInt declared = SipHeadParser.contentLength(parsed.headers());
      if (declared.isEmpty()) {
        throw new SipFormatException("a request over TCP without Content-Length", parsed.headers());
      }
      int length = declared.getAsInt();
      if (length > handler.maxBodySize()) {
        throw new SipFormatException(
            SipStatus.TOO_LARGE,
            "a body of " + length + " bytes, over " + handler.maxBodySize(),
            parsed.headers());
      }
      if (headLength + 4 + length > maxMessageSize) {
        throw new SipFormatException(
            SipStatus.MESSAGE_TOO_LARGE,
            "a request over " + maxMessageSize + " bytes",
            parsed.headers());
      }
      byte[] body;
      try {
        body = in.readNBytes(length);
      } catch (SocketTimeoutException slow) {
        log.accept("SIP over TCP from " + origin + ": a body slower than the idle timeout");
        return null;
      }
      if (body.length < length) {
        log.accept(
            "SIP over TCP from "
                + origin
                + ": Content-Length "
                + length
                + " but the connection closed after "
                + body.length
                + " body bytes");
        return null;
      }
      return handler
          .handle(parsed.withBody(body), origin)
          .map(r -> r.encode(parsed.headers()))
          .orElse(new byte[0]);
    } catch (SipFormatException fault) {
      return refuseAndEnd(fault);
    }
  }

  private byte[] refuseAndEnd(SipFormatException fault) throws IOException {
    Refusal.answer(fault, origin, log).ifPresent(this::writeQuietly);
    return null;
  }

  /**
   * Writes the refusal, ends the output, and reads (and drops) a bounded rest of what the peer
   * sent: closing with unread bytes would reset the connection and could discard the refusal
   * unread.
   */
  private void writeQuietly(byte[] answer) {
    try {
      socket.getOutputStream().write(answer);
      socket.getOutputStream().flush();
      socket.shutdownOutput();
      socket.setSoTimeout(LINGER_MILLIS);
      InputStream rest = socket.getInputStream();
      byte[] drop = new byte[4096];
      int total = 0;
      int n;
      while (total < LINGER_BYTES && (n = rest.read(drop)) > 0) {
        total += n;
      }
    } catch (IOException e) {
      // the peer is gone or slow; the connection ends anyway
    }
  }

  /** The headers read up to the bound, parsed as far as they go, for a 513 if they allow one. */
  private SipFormatException tooLong() {
    int lastLine = Heads.MAX_HEAD;
    while (lastLine > 1 && !(head[lastLine - 2] == '\r' && head[lastLine - 1] == '\n')) {
      lastLine--;
    }
    SipHeaders headers;
    try {
      headers = SipHeadParser.parse(head, 0, Math.max(0, lastLine - 2)).headers();
    } catch (SipFormatException partial) {
      headers = partial.headers();
    }
    return new SipFormatException(
        SipStatus.MESSAGE_TOO_LARGE, "headers over " + Heads.MAX_HEAD + " bytes", headers);
  }

  /**
   * Reads a head into {@link #head}: its length without the CRLFCRLF, or why there is none. CR and
   * LF before a request are keep-alives and skipped; a silence there is an idle connection.
   */
  private int readHead(InputStream in) throws IOException {
    int length = 0;
    long deadline = 0;
    while (true) {
      int b;
      try {
        b = in.read();
      } catch (SocketTimeoutException e) {
        if (length == 0) {
          throw e;
        }
        return TOO_SLOW;
      }
      if (b < 0) {
        return length == 0 ? EOF : EOF_MID_HEAD;
      }
      if (length == 0 && (b == '\r' || b == '\n')) {
        continue;
      }
      if (length == 0) {
        deadline = System.nanoTime() + requestNanos;
      } else if (System.nanoTime() - deadline > 0) {
        return TOO_SLOW;
      }
      if (length == head.length) {
        return HEAD_TOO_LONG;
      }
      head[length++] = (byte) b;
      if (length >= 4
          && head[length - 4] == '\r'
          && head[length - 3] == '\n'
          && head[length - 2] == '\r'
          && head[length - 1] == '\n') {
        return length - 4;
      }
    }
  }
}
