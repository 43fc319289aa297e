package io.dmagent.server;

import io.dmagent.server.script.Script;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The server's live record of one device; {@link #snapshot()} is what others see. */
final class DeviceState {
  /** Sessions kept per device: enough to look back on, bounded for a long-running server. */
  static final int SESSIONS_KEPT = 20;

  private final String devId;
  private final Map<String, String> devInfo = new TreeMap<>();
  private final Map<String, ResultItem> results = new TreeMap<>();
  private final Deque<SessionLog> sessions = new ArrayDeque<>();
  private final Deque<Script> queued = new ArrayDeque<>();

  DeviceState(String devId) {
    this.devId = devId;
  }

  synchronized void devInfo(String uri, String value) {
    devInfo.put(uri, value);
  }

  synchronized void result(ResultItem item) {
    results.put(item.uri(), item);
  }

  synchronized void sessionStarted(SessionLog log) {
    sessions.addLast(log);
    while (sessions.size() > SESSIONS_KEPT) {
      sessions.removeFirst();
    }
  }

  synchronized void queue(Script script) {
    queued.addLast(script);
  }

  synchronized Optional<Script> nextQueued() {
    return Optional.ofNullable(queued.pollFirst());
  }

  synchronized DeviceRecord snapshot() {
    return new DeviceRecord(
        devId, devInfo, results, sessions.stream().map(SessionLog::snapshot).toList());
  }
}
