package io.dmagent.server.http;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The bytes of request bodies all connections may hold in memory at once, counted in KiB: a body is
 * read only once its share is granted, and its share is given back when its answer is written.
 * Without it, every worker could hold the largest message at once (32 × 1 MiB, plus what decoding
 * makes of it) in a heap shared with the agent.
 */
final class BodyBudget {
  private final Semaphore kib;

  BodyBudget(long maxBytes) {
    this.kib = new Semaphore((int) Math.min(Integer.MAX_VALUE, kibOf(maxBytes)), true);
  }

  /** A share of {@code bytes}, waiting at most {@code wait}; null when none came free in time. */
  Lease take(long bytes, Duration wait) throws InterruptedException {
    int n = (int) kibOf(bytes);
    if (n == 0) {
      return () -> {};
    }
    if (!kib.tryAcquire(n, wait.toMillis(), TimeUnit.MILLISECONDS)) {
      return null;
    }
    return () -> kib.release(n);
  }

  int availableKib() {
    return kib.availablePermits();
  }

  private static long kibOf(long bytes) {
    return (bytes + 1023) / 1024;
  }

  /** A granted share; closing it gives it back. */
  interface Lease extends AutoCloseable {
    @Override
    void close();
  }
}
