package io.dmagent.runtime;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;

/**
 * The text of a log entry on standard output: {@code <time> <LEVEL> <bundle>: <message>}, an
 * exception as its class and message; its stack trace as more lines only when {@code stackTrace}
 * (the bundle logs at DEBUG). Under systemd ({@code journald}) each line starts with its syslog
 * priority ({@code <3>} for ERROR...) so that {@code journalctl -p err} finds errors, and without
 * the time, which the journal keeps itself.
 */
final class LogLine {
  private LogLine() {}

  /**
   * The lines for an entry, or none for the framework's service and framework events below WARN,
   * which say nothing an operator acts on. Bundle events stay, as {@code bundle <name> <version>
   * <EVENT>}: they are how an operator sees a deployment happen.
   */
  static List<String> of(LogEntry entry, boolean journald, boolean stackTrace) {
    LogLevel level = entry.getLogLevel();
    String message = String.valueOf(entry.getMessage());
    boolean quiet = level.ordinal() > LogLevel.WARN.ordinal();
    if (quiet && (message.startsWith("ServiceEvent ") || message.startsWith("FrameworkEvent "))) {
      return List.of();
    }
    String source = entry.getBundle() != null ? entry.getBundle().getSymbolicName() : "-";
    if (message.startsWith("BundleEvent ") && entry.getBundle() != null) {
      message =
          "bundle " + source + " " + entry.getBundle().getVersion() + " " + message.substring(12);
    }
    String prefix = journald ? "<" + priority(level) + ">" : "";
    StringBuilder line = new StringBuilder(160).append(prefix);
    if (!journald) {
      line.append(Instant.ofEpochMilli(entry.getTime())).append(' ');
    }
    line.append(String.format("%-5s", level))
        .append(' ')
        .append(source)
        .append(": ")
        .append(message);
    Throwable t = entry.getException();
    if (t != null) {
      line.append(" [").append(t).append(']');
    }
    List<String> lines = new ArrayList<>();
    lines.add(line.toString());
    if (t != null && stackTrace) {
      StringWriter trace = new StringWriter();
      t.printStackTrace(new PrintWriter(trace));
      trace.toString().lines().skip(1).forEach(l -> lines.add(prefix + l));
    }
    return lines;
  }

  /** The syslog priority journald reads from a {@code <N>} prefix (sd-daemon.h). */
  static int priority(LogLevel level) {
    return switch (level) {
      case AUDIT -> 5; // notice
      case ERROR -> 3;
      case WARN -> 4;
      case INFO -> 6;
      case DEBUG, TRACE -> 7;
    };
  }
}
