package io.dmagent.authority;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Each management authority's priority by ServerID, from configuration; unlisted servers 0. */
final class Priorities {
  private final Map<String, Integer> byServer;

  private Priorities(Map<String, Integer> byServer) {
    this.byServer = Map.copyOf(byServer);
  }

  /**
   * Reads {@code ServerID=priority} entries (a {@code .cfg} file gives them as one comma-separated
   * string); one log line for each it cannot use.
   */
  static Priorities parse(String[] values, Consumer<String> log) {
    Map<String, Integer> map = new HashMap<>();
    for (String entry : String.join(",", values).split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      int eq = entry.lastIndexOf('=');
      try {
        if (eq <= 0) {
          throw new NumberFormatException();
        }
        map.put(entry.substring(0, eq).strip(), Integer.parseInt(entry.substring(eq + 1).strip()));
      } catch (NumberFormatException e) {
        log.accept("priority entry ignored, not ServerID=integer: " + entry);
      }
    }
    return new Priorities(map);
  }

  boolean isEmpty() {
    return byServer.isEmpty();
  }

  int of(String serverId) {
    return byServer.getOrDefault(serverId, 0);
  }
}
