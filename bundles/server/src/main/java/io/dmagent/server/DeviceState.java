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

  /** The nonce the server last gave the device (its CLCRED nonce); empty until one is given. */
  private byte[] clientNonce = new byte[0];

  /** The nonce the device last gave the server (its SRVCRED nonce). */
  private byte[] serverNonce = new byte[0];

  DeviceState(String devId) {
    this.devId = devId;
  }

  String devId() {
    return devId;
  }

  synchronized byte[] clientNonce() {
    return clientNonce.clone();
  }

  synchronized void clientNonce(byte[] value) {
    clientNonce = value.clone();
  }

  synchronized byte[] serverNonce() {
    return serverNonce.clone();
  }

  synchronized void serverNonce(byte[] value) {
    serverNonce = value.clone();
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
