package io.dmagent.download;

/** Pauses between attempts: doubling from the first one, capped. */
record Backoff(long initialMillis, long maxMillis) {
  Backoff {
    initialMillis = Math.max(1, initialMillis);
    maxMillis = Math.max(initialMillis, maxMillis);
  }

  /** The pause before attempt {@code attempt} (1 for the first retry). */
  long pauseMillis(int attempt) {
    int shift = Math.min(Math.max(0, attempt - 1), 30);
    long pause = initialMillis << shift;
    return pause <= 0 || pause > maxMillis ? maxMillis : pause;
  }
}
