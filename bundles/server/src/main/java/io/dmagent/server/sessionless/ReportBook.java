package io.dmagent.server.sessionless;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reports received, in arrival order, one per device and id: a report delivered twice (the
 * agent retries until acknowledged) is kept once. Bounded: the oldest go first.
 */
public final class ReportBook {
  private final int capacity;
  private final Map<String, ReceivedReport> byKey = new LinkedHashMap<>();

  public ReportBook(int capacity) {
    this.capacity = capacity;
  }

  /** Keeps {@code report}; false when one with its device and id is already kept. */
  public synchronized boolean add(ReceivedReport report) {
    String key = report.devId() + "\n" + report.id();
    if (byKey.containsKey(key)) {
      return false;
    }
    byKey.put(key, report);
    if (byKey.size() > capacity) {
      Iterator<String> eldest = byKey.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
    return true;
  }

  public synchronized boolean contains(String devId, String id) {
    return byKey.containsKey(devId + "\n" + id);
  }

  /** Every report kept, oldest first. */
  public synchronized List<ReceivedReport> all() {
    return new ArrayList<>(byKey.values());
  }
}
