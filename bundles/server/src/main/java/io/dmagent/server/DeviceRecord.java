package io.dmagent.server;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the server knows of one device, by DevId: the DevInfo it sent in its last package 1, the
 * latest value of each node a Get returned, and its sessions, oldest first (the last few).
 */
public record DeviceRecord(
    String devId,
    Map<String, String> devInfo,
    Map<String, ResultItem> results,
    List<SessionRecord> sessions) {
  public DeviceRecord {
    Objects.requireNonNull(devId);
    devInfo = Map.copyOf(devInfo);
    results = Map.copyOf(results);
    sessions = List.copyOf(sessions);
  }

  public Optional<SessionRecord> lastSession() {
    return sessions.isEmpty() ? Optional.empty() : Optional.of(sessions.get(sessions.size() - 1));
  }
}
