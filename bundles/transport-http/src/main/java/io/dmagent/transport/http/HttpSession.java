package io.dmagent.transport.http;

import io.dmagent.api.transport.ChannelSecurity;
import io.dmagent.api.transport.TransportException;
import io.dmagent.api.transport.TransportException.Kind;
import io.dmagent.api.transport.TransportRequest;
import io.dmagent.api.transport.TransportResponse;
import io.dmagent.api.transport.TransportSession;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * One DM session's HTTP channel. The connection stays open between messages while the server allows
 * it and the target's scheme, host and port stay the same (a RespURI may point elsewhere); a
 * kept-alive connection the server closed meanwhile is replaced once, transparently.
 */
final class HttpSession implements TransportSession {
  private final Connector connector;
  private final HttpWire wire;
  private final HttpLimits limits;
  private final Consumer<String> warn;
  private final IdleConnections idle;
  private final ChannelSecurity demand;
  // Volatile, with the two flags below: the session engine may close a session from its own thread
  // while an exchange that timed out still waits for its answer on another.
  private volatile Connection connection;
  private volatile boolean exchanging;
  private volatile boolean closed;
  private int connectionsOpened;

  HttpSession(Connector connector, HttpLimits limits, Consumer<String> warn) {
    this(
        connector,
        limits,
        warn,
        new IdleConnections(Duration.ZERO, Clock.systemUTC()),
        ChannelSecurity.plaintext());
  }

  /**
   * A session that starts on a connection a former session left in {@code idle} for the same {@code
   * demand} (server and channel security), and leaves its own there when it ends.
   */
  HttpSession(
      Connector connector,
      HttpLimits limits,
      Consumer<String> warn,
      IdleConnections idle,
      ChannelSecurity demand) {
    this.connector = connector;
    this.limits = limits;
    this.warn = warn;
    this.idle = idle;
    this.demand = demand;
    this.wire = new HttpWire(limits);
  }

  @Override
  public TransportResponse exchange(TransportRequest request) throws TransportException {
    exchanging = true;
    try {
      return exchangeOrRetry(request);
    } catch (RuntimeException e) {
      // Whatever state the connection is in, it carries nothing more.
      closeConnection();
      throw e;
    } finally {
      exchanging = false;
    }
  }

  private TransportResponse exchangeOrRetry(TransportRequest request) throws TransportException {
    String authority = authority(request.target());
    if (connection != null && !connection.authority.equals(authority)) {
      closeConnection();
    }
    if (connection == null) {
      adopt(idle.take(new IdleConnections.Key(demand, authority)));
    }
    boolean reused = connection != null;
    try {
      return exchangeOnce(request, authority);
    } catch (HttpWire.ConnectionClosedException e) {
      TransportException refused = refusedAfterHandshake(reused, e);
      closeConnection();
      if (refused != null) {
        throw refused;
      }
      if (!reused) {
        throw new TransportException(
            Kind.PROTOCOL, "server closed the connection without answering", e);
      }
    } catch (IOException e) {
      TransportException refused = refusedAfterHandshake(reused, e);
      closeConnection();
      if (refused != null) {
        throw refused;
      }
      if (!(reused && isStaleConnection(e))) {
        throw classify(e, request.target());
      }
    }
    try {
      return exchangeOnce(request, authority);
    } catch (IOException e) {
      closeConnection();
      throw classify(e, request.target());
    }
  }

  private TransportResponse exchangeOnce(TransportRequest request, String authority)
      throws IOException {
    Connection current = connection;
    if (current == null) {
      if (closed) {
        throw sessionClosed();
      }
      current =
          new Connection(authority, connector.connect(request.target(), limits.connectTimeout()));
      adopt(current);
      connectionsOpened++;
    }
    current.channel.readTimeout(limits.readTimeout());
    wire.writeRequest(current.out, request);
    HttpWire.ReadResponse read = wire.readResponse(current.in);
    if (!read.keepAlive()) {
      closeConnection();
    }
    return read.response();
  }

  /**
   * A fresh secure connection lost before its first answer, whose handshake told why the server
   * would drop it: that reason, logged once; null otherwise.
   */
  private TransportException refusedAfterHandshake(boolean reused, IOException e) {
    if (reused
        || connection == null
        || e instanceof SSLException
        || e instanceof SocketTimeoutException
        || connection.channel.refusalHint().isEmpty()) {
      return null;
    }
    String line =
        "TLS with " + connection.authority + " failed: " + connection.channel.refusalHint().get();
    warn.accept(line);
    return new TransportException(Kind.SECURITY, line, e);
  }

  /**
   * How many connections this session opened; one for a whole session when the server keeps it
   * alive.
   */
  int connectionsOpened() {
    return connectionsOpened;
  }

  private static boolean isStaleConnection(IOException e) {
    return !(e instanceof TransportException) && !(e instanceof SocketTimeoutException);
  }

  private TransportException classify(IOException e, URI target) {
    if (e instanceof TransportException) {
      return (TransportException) e;
    }
    String where =
        target.getScheme()
            + "://"
            + target.getHost()
            + (target.getPort() > 0 ? ":" + target.getPort() : "");
    if (e instanceof SocketTimeoutException) {
      return new TransportException(Kind.TIMEOUT, "no answer in time from " + where, e);
    }
    if (e instanceof SSLException) {
      // Under TLS 1.3 the server judges the client's certificate after the client's handshake has
      // completed: its refusal arrives with the first answer, and is a handshake failure all the
      // same.
      String line = "TLS with " + where + " failed: " + HandshakeFailure.reason(e);
      warn.accept(line);
      return new TransportException(Kind.SECURITY, line, e);
    }
    if (e instanceof ConnectException || e instanceof UnknownHostException) {
      return new TransportException(
          Kind.CONNECT, "cannot connect to " + where + ": " + e.getMessage(), e);
    }
    return new TransportException(
        Kind.CONNECT, "connection to " + where + " failed: " + e.getMessage(), e);
  }

  private static String authority(URI target) {
    return Objects.toString(target.getScheme(), "").toLowerCase(Locale.ROOT)
        + "://"
        + Objects.toString(target.getHost(), "").toLowerCase(Locale.ROOT)
        + ":"
        + target.getPort();
  }

  /**
   * Makes {@code fresh} this session's connection, unless the session was closed meanwhile: then it
   * is closed and nothing more is sent.
   */
  private void adopt(Connection fresh) throws TransportException {
    connection = fresh;
    if (closed) {
      closeConnection();
      throw sessionClosed();
    }
  }

  private static TransportException sessionClosed() {
    return new TransportException(Kind.PROTOCOL, "the session was closed");
  }

  private void closeConnection() {
    Connection left = connection;
    if (left != null) {
      connection = null;
      closeQuietly(left);
    }
  }

  private static void closeQuietly(Connection left) {
    try {
      left.channel.close();
    } catch (IOException ignored) {
      // Closing a dead socket can fail; there is nothing left to release.
    }
  }

  @Override
  public void close() {
    closed = true;
    Connection left = connection;
    connection = null;
    if (left == null) {
      return;
    }
    if (exchanging) {
      // An exchange still waits for its answer on it (from another thread): closing the socket
      // ends that wait; kept, the late answer would reach the next session.
      closeQuietly(left);
    } else {
      idle.keep(new IdleConnections.Key(demand, left.authority), left);
    }
  }

  static final class Connection {
    final String authority;
    final Channel channel;
    final InputStream in;
    final OutputStream out;

    Connection(String authority, Channel channel) throws IOException {
      this.authority = authority;
      this.channel = channel;
      this.in = new BufferedInputStream(channel.in());
      this.out = new BufferedOutputStream(channel.out());
    }
  }
}
