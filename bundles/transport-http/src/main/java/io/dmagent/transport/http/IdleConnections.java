package io.dmagent.transport.http;

import io.dmagent.api.transport.ChannelSecurity;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Kept-alive connections between sessions, one per server and channel demand. A gateway that talks
 * to its server every few minutes would otherwise pay a TLS handshake per session, which costs
 * several times the session itself; a connection the server has closed meanwhile is noticed on its
 * first use and replaced once, transparently (see {@link HttpSession}).
 */
final class IdleConnections implements AutoCloseable {
  private final Duration keep;
  private final Clock clock;
  private final Map<Key, Idle> idle = new HashMap<>();
  private boolean closed;

  IdleConnections(Duration keep, Clock clock) {
    this.keep = keep;
    this.clock = clock;
  }

  /** The connection left for {@code key}, unless none is left or it has been idle too long. */
  HttpSession.Connection take(Key key) {
    List<HttpSession.Connection> stale = new ArrayList<>(0);
    Idle left;
    synchronized (this) {
      reap(stale);
      left = idle.remove(key);
    }
    stale.forEach(IdleConnections::close);
    return left == null ? null : left.connection;
  }

  /**
   * Keeps {@code connection} for the next session of {@code key}; the one kept before is closed.
   */
  void keep(Key key, HttpSession.Connection connection) {
    List<HttpSession.Connection> stale = new ArrayList<>(0);
    synchronized (this) {
      reap(stale);
      if (closed || keep.isZero()) {
        stale.add(connection);
      } else {
        Idle before = idle.put(key, new Idle(connection, clock.instant()));
        if (before != null) {
          stale.add(before.connection);
        }
      }
    }
    stale.forEach(IdleConnections::close);
  }

  /**
   * Moves the connections idle too long, whatever their key, to {@code stale}: a server no session
   * asks for again (an account moved, a RespURI elsewhere) does not keep its socket open for good.
   */
  private void reap(List<HttpSession.Connection> stale) {
    Instant oldest = clock.instant().minus(keep);
    for (Iterator<Idle> i = idle.values().iterator(); i.hasNext(); ) {
      Idle left = i.next();
      if (left.since.isBefore(oldest)) {
        stale.add(left.connection);
        i.remove();
      }
    }
  }

  /** How many connections are kept now. */
  synchronized int size() {
    return idle.size();
  }

  @Override
  public void close() {
    List<Idle> left;
    synchronized (this) {
      closed = true;
      left = new ArrayList<>(idle.values());
      idle.clear();
    }
    left.forEach(i -> close(i.connection));
  }

  private static void close(HttpSession.Connection connection) {
    try {
      connection.channel.close();
    } catch (IOException ignored) {
      // A dead socket may fail to close; nothing is left to release.
    }
  }

  /**
   * A server and the whole demand its connection was made for. The demand itself, not its text: a
   * TLS-PSK demand prints its key as {@code ***}, so two keys would print alike, and a connection
   * made with one key must never carry a session that demands another.
   */
  record Key(ChannelSecurity demand, String authority) {}

  private record Idle(HttpSession.Connection connection, Instant since) {}
}
