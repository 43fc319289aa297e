package io.dmagent.notification;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per server: {@code burst} notifications at once, then {@code perSecond} a second.
 * Keeps the buckets of the most recent {@code capacity} servers (servers are those with accounts, a
 * handful; the cap only bounds memory).
 */
final class RateLimit {
  private final int burst;
  private final double perSecond;
  private final Clock clock;
  private final Map<String, Bucket> buckets;

  private static final class Bucket {
    double tokens;
    long atMillis;

    Bucket(double tokens, long atMillis) {
      this.tokens = tokens;
      this.atMillis = atMillis;
    }
  }

  RateLimit(int burst, double perSecond, int capacity, Clock clock) {
    this.burst = Math.max(1, burst);
    this.perSecond = Math.max(0, perSecond);
    this.clock = clock;
    this.buckets =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > capacity;
          }
        };
  }

  /** Takes a token for {@code serverId}; false when its bucket is empty. */
  synchronized boolean tryTake(String serverId) {
    long now = clock.millis();
    Bucket b = buckets.computeIfAbsent(serverId, k -> new Bucket(burst, now));
    b.tokens = Math.min(burst, b.tokens + (now - b.atMillis) / 1000.0 * perSecond);
    b.atMillis = now;
    if (b.tokens < 1) {
      return false;
    }
    b.tokens -= 1;
    return true;
  }
}
