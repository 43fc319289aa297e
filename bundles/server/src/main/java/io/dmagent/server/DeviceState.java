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

  /** DevInfo leaves kept per device, and the characters kept of each URI and value. */
  static final int DEVINFO_KEPT = 32;

  static final int DEVINFO_VALUE_MAX = 1024;

  /** Nodes whose latest value is kept per device. */
  static final int RESULTS_KEPT = 256;

  private final String devId;
  private final Map<String, String> devInfo = new TreeMap<>();
  private final Map<String, ResultItem> results = new TreeMap<>();
  private final Deque<SessionLog> sessions = new ArrayDeque<>();
  private final Deque<Script> queued = new ArrayDeque<>();

  DeviceState(String devId) {
    this.devId = devId;
  }

  String devId() {
    return devId;
  }

  /** Keeps a DevInfo leaf; beyond {@link #DEVINFO_KEPT} leaves, new ones are left out. */
  synchronized void devInfo(String uri, String value) {
    if (devInfo.size() < DEVINFO_KEPT || devInfo.containsKey(uri)) {
      devInfo.put(cut(uri), cut(value));
    }
  }

  /**
   * Keeps the latest value of a node; beyond {@link #RESULTS_KEPT} nodes, new ones are left out.
   */
  synchronized void result(ResultItem item) {
    if (results.size() < RESULTS_KEPT || results.containsKey(item.uri())) {
      results.put(item.uri(), item);
    }
  }

  /** DevInfo is a handful of short leaves: anything longer is cut, not kept whole. */
  private static String cut(String s) {
    return s.length() <= DEVINFO_VALUE_MAX ? s : s.substring(0, DEVINFO_VALUE_MAX);
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
