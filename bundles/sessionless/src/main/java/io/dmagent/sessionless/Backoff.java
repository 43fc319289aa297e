package io.dmagent.sessionless;

import java.time.Duration;

/**
 * Exponential back-off of one destination: after the n-th failure in a row it waits {@code first *
 * 2^(n-1)}, never more than {@code max}; a delivery resets it.
 */
final class Backoff {
  private final Duration first;
  private final Duration max;
  private int failures;

  Backoff(Duration first, Duration max) {
    this.first = first;
    this.max = max;
  }

  /** Counts one more failure and returns how long to wait before the next attempt. */
  Duration failed() {
    failures++;
    int shift = Math.min(failures - 1, 30);
    long millis = first.toMillis() << shift;
    return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
  }

  int failures() {
    return failures;
  }
}
