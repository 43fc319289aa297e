package io.dmagent.pushsip;

import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Log lines about refused requests, at most {@code perSecond} a second: a flood of bad requests
 * must not become a flood of log lines (and the CPU they cost). Lines beyond the budget are counted
 * and the count is written with the next line the budget allows, so none is lost without a trace.
 */
final class LogBudget implements Consumer<String> {
  private static final long SECOND = 1_000_000_000L;

  private final Consumer<String> log;
  private final int perSecond;
  private final LongSupplier nanoTime;
  private long windowStart;
  private int used;
  private long suppressed;

  LogBudget(Consumer<String> log, int perSecond, LongSupplier nanoTime) {
    this.log = log;
    this.perSecond = perSecond;
    this.nanoTime = nanoTime;
    this.windowStart = nanoTime.getAsLong();
  }

  @Override
  public synchronized void accept(String line) {
    long now = nanoTime.getAsLong();
    if (now - windowStart >= SECOND) {
      windowStart = now;
      used = 0;
    }
    if (used == perSecond) {
      suppressed++;
      return;
    }
    used++;
    if (suppressed > 0) {
      log.accept(line + " (and " + suppressed + " more SIP refusals not logged: over the budget)");
      suppressed = 0;
    } else {
      log.accept(line);
    }
  }
}
