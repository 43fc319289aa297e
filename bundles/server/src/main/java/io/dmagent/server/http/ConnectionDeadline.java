package io.dmagent.server.http;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A deadline for one phase of a connection (handshake and head, body, idle wait): when it passes
 * the socket is closed under the worker, whatever it is blocked in. A per-read timeout cannot do
 * this: a client sending a byte just before each read times out is never cut off.
 */
final class ConnectionDeadline {
  private final ScheduledExecutorService timer;
  private final Socket socket;
  private ScheduledFuture<?> pending;
  private long generation;
  private volatile String expired;

  ConnectionDeadline(ScheduledExecutorService timer, Socket socket) {
    this.timer = timer;
    this.socket = socket;
  }

  /** Starts {@code phase}, which must end within {@code limit}; replaces the previous phase. */
  synchronized void arm(Duration limit, String phase) {
    disarm();
    long mine = ++generation;
    pending = timer.schedule(() -> fire(mine, phase), limit.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The phase ended in time. */
  synchronized void disarm() {
    generation++;
    if (pending != null) {
      pending.cancel(false);
      pending = null;
    }
  }

  /** The phase whose deadline passed and closed the connection, if one did. */
  Optional<String> expired() {
    return Optional.ofNullable(expired);
  }

  private void fire(long armed, String phase) {
    synchronized (this) {
      if (armed != generation) {
        return;
      }
      expired = phase;
    }
    try {
      socket.close();
    } catch (IOException ignored) {
      // Closed already: the deadline has nothing left to end.
    }
  }
}
