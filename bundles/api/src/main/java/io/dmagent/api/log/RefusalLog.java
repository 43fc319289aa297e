package io.dmagent.api.log;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Refusal lines, summarised per source (a client address): in each window the first few refusals of
 * a source are logged one by one, the rest only counted and reported in one line when the window
 * has passed ("498 more refusals from 127.0.0.1 in 10 s"). A client that sends garbage in a loop
 * thus costs a bounded number of lines, and the log keeps room for everything else.
 *
 * <p>The table of sources is bounded too: beyond {@code maxSources} the refusals of new sources are
 * counted together under "other addresses".
 */
public final class RefusalLog {
  static final String OTHERS = "other addresses";

  private final Consumer<String> warn;
  private final Clock clock;
  private final int linesPerWindow;
  private final Duration window;
  private final int maxSources;
  private final Map<String, Window> sources = new LinkedHashMap<>();

  /**
   * @param linesPerWindow refusals of one source logged one by one in each window
   * @param window how long the refusals of a source are counted before the summary
   * @param maxSources sources counted apart from each other
   */
  public RefusalLog(
      Consumer<String> warn, Clock clock, int linesPerWindow, Duration window, int maxSources) {
    this.warn = warn;
    this.clock = clock;
    this.linesPerWindow = linesPerWindow;
    this.window = window;
    this.maxSources = maxSources;
  }

  /** Five lines per source in ten seconds, 256 sources apart. */
  public static RefusalLog standard(Consumer<String> warn, Clock clock) {
    return new RefusalLog(warn, clock, 5, Duration.ofSeconds(10), 256);
  }

  /** The window over which refusals are summarised. */
  public Duration window() {
    return window;
  }

  /**
   * One refusal from {@code source}; {@code line} is built only if it is logged, and must quote
   * every value from the wire through {@link io.dmagent.api.log.WireText}.
   */
  public void refuse(String source, Supplier<String> line) {
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

  /** Reports and forgets every window that has passed: called periodically, and at close. */
  public void flush() {
    flush(false);
  }

  /** Reports every source's suppressed refusals now, passed or not (the server stops). */
  public void flushAll() {
    flush(true);
  }

  private void flush(boolean all) {
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

  /** Sources with an open window (for tests: the table stays bounded). */
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

    /** The summary line, or null when nothing was left out. */
    String summary(String source, Duration length) {
      if (suppressed == 0) {
        return null;
      }
      return suppressed
          + " more refusal"
          + (suppressed == 1 ? "" : "s")
          + " from "
          + source
          + " in "
          + length.toSeconds()
          + " s (not logged one by one)";
    }
  }
}
