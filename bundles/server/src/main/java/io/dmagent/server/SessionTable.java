package io.dmagent.server;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server's sessions by RespURI token: those whose device has not authenticated yet (pending),
 * those running for an authenticated device (active), and the last few that ended (a device may
 * still send its queued alerts after the server's last package).
 *
 * <p>Pending sessions are the only thing the server keeps for a client it does not know, and their
 * table is small and bounded: a new one pushes out the oldest. A flood of package 1s without
 * credentials thus costs a fixed amount of memory, and a device that authenticates within its first
 * exchanges is never pushed out by a slow trickle.
 */
final class SessionTable {
  private final int maxPending;
  private final int endedKept;
  private final Map<String, ServerSession> active = new HashMap<>();
  private final LinkedHashMap<String, ServerSession> pending = new LinkedHashMap<>();
  private final LinkedHashMap<String, ServerSession> ended = new LinkedHashMap<>();

  SessionTable(int maxPending, int endedKept) {
    this.maxPending = maxPending;
    this.endedKept = endedKept;
  }

  /** Adds a session not yet authenticated; returns the oldest one it pushed out, if any. */
  synchronized Optional<ServerSession> open(ServerSession s) {
    pending.put(s.token(), s);
    if (pending.size() <= maxPending) {
      return Optional.empty();
    }
    Iterator<ServerSession> eldest = pending.values().iterator();
    ServerSession out = eldest.next();
    eldest.remove();
    return Optional.of(out);
  }

  /** The session's device authenticated: the session is active, no longer pending. */
  synchronized void admit(ServerSession s) {
    if (pending.remove(s.token()) != null) {
      active.put(s.token(), s);
    }
  }

  synchronized Optional<ServerSession> find(String token) {
    ServerSession s = active.get(token);
    if (s == null) {
      s = pending.get(token);
    }
    if (s == null) {
      s = ended.get(token);
    }
    return Optional.ofNullable(s);
  }

  /** The running session of {@code devId} with that SessionID, pending or active. */
  synchronized Optional<ServerSession> running(String devId, String sessionId) {
    return java.util.stream.Stream.concat(active.values().stream(), pending.values().stream())
        .filter(s -> s.log().devId().equals(devId) && s.log().sessionId().equals(sessionId))
        .findFirst();
  }

  /**
   * The session ended: an authenticated one is kept a while among the ended, a pending one is
   * forgotten. False when it was no longer running.
   */
  synchronized boolean ended(ServerSession s) {
    if (pending.remove(s.token()) != null) {
      return true;
    }
    if (active.remove(s.token()) == null) {
      return false;
    }
    ended.put(s.token(), s);
    if (ended.size() > endedKept) {
      Iterator<String> eldest = ended.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
    return true;
  }

  /** Removes and returns the running sessions idle since before {@code limit}. */
  synchronized List<ServerSession> expire(Instant limit) {
    List<ServerSession> out = new ArrayList<>();
    for (Map<String, ServerSession> m : List.of(active, pending)) {
      m.values()
          .removeIf(
              s -> {
                boolean idle = s.lastActivity().isBefore(limit);
                if (idle) {
                  out.add(s);
                }
                return idle;
              });
    }
    return out;
  }

  synchronized int pendingCount() {
    return pending.size();
  }

  synchronized int activeCount() {
    return active.size();
  }
}
