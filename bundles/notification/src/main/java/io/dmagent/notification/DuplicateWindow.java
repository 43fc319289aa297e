package io.dmagent.notification;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The notifications taken in the last window, by a hash of their bytes, so that the same one again
 * (a server or a carrier repeating itself) starts no second session. Holds at most {@code capacity}
 * entries whatever arrives: the oldest goes first.
 */
final class DuplicateWindow {
  private final Duration window;
  private final Clock clock;
  private final Map<String, Instant> taken;

  DuplicateWindow(Duration window, int capacity, Clock clock) {
    this.window = window;
    this.clock = clock;
    this.taken =
        new LinkedHashMap<>() {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > capacity;
          }
        };
  }

  /** True when the same bytes were taken within the window. */
  synchronized boolean seen(byte[] body) {
    Instant at = taken.get(key(body));
    return at != null && !clock.instant().isAfter(at.plus(window));
  }

  synchronized void remember(byte[] body) {
    String k = key(body);
    taken.remove(k);
    taken.put(k, clock.instant());
  }

  synchronized int size() {
    return taken.size();
  }

  private static String key(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
