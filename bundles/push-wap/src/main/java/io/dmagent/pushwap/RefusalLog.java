package io.dmagent.pushwap;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Refusal lines summarised per sender address: in each window the first few refusals of a sender
 * are logged one by one, the rest counted and reported in one line once the window has passed. A
 * flood of garbage datagrams thus costs a bounded number of log lines. The table of senders is
 * bounded too: beyond it, new senders are counted together as "other addresses".
 */
final class RefusalLog {
  static final String OTHERS = "other addresses";

  private final Consumer<String> warn;
  private final Clock clock;
  private final int linesPerWindow;
  private final Duration window;
  private final int maxSources;
  private final Map<String, Window> sources = new LinkedHashMap<>();

  RefusalLog(
      Consumer<String> warn, Clock clock, int linesPerWindow, Duration window, int maxSources) {
    this.warn = warn;
    this.clock = clock;
    this.linesPerWindow = linesPerWindow;
    this.window = window;
    this.maxSources = maxSources;
  }

  /** Five lines per sender in ten seconds, 256 senders apart. */
  static RefusalLog standard(Consumer<String> warn) {
    return new RefusalLog(warn, Clock.systemUTC(), 5, Duration.ofSeconds(10), 256);
  }

  /** One refusal from {@code source}; the line is built only if it is logged. */
  void refuse(String source, Supplier<String> line) {
    String summary = null;
    boolean logIt;
    synchronized (this) {
      Instant now = clock.instant();
      Window w = sources.get(source);
      if (w == null && sources.size() >= maxSources) {
        source = OTHERS;
        w = sources.get(OTHERS);
      }
      if (w != null && w.isOver(now, window)) {
        summary = w.summary(source, window);
        w = null;
      }
      if (w == null) {
        w = new Window(now);
        sources.put(source, w);
      }
      logIt = w.logged < linesPerWindow;
      if (logIt) {
        w.logged++;
      } else {
        w.suppressed++;
      }
    }
    if (summary != null) {
      warn.accept(summary);
    }
    if (logIt) {
      warn.accept(line.get());
    }
  }

  /** Reports and forgets the windows that have passed (or all of them): called while idle. */
  void flush(boolean all) {
    StringBuilder lines = new StringBuilder();
    synchronized (this) {
      Instant now = clock.instant();
      for (Iterator<Map.Entry<String, Window>> it = sources.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<String, Window> e = it.next();
        if (all || e.getValue().isOver(now, window)) {
          String summary = e.getValue().summary(e.getKey(), window);
          if (summary != null) {
            lines.append(summary).append('\n');
          }
          it.remove();
        }
      }
    }
    lines.toString().lines().forEach(warn);
  }

  synchronized int sourcesTracked() {
    return sources.size();
  }

  private static final class Window {
    final Instant start;
    int logged;
    long suppressed;

    Window(Instant start) {
      this.start = start;
    }

    boolean isOver(Instant now, Duration length) {
      return !now.isBefore(start.plus(length));
    }

    String summary(String source, Duration length) {
      if (suppressed == 0) {
        return null;
      }
      return suppressed
          + " more WAP push"
          + (suppressed == 1 ? "" : "es")
          + " from "
          + source
          + " dropped in "
          + length.toSeconds()
          + " s (not logged one by one)";
    }
  }
}
