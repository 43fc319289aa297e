package io.dmagent.runtime;

import java.io.PrintStream;
import java.time.Instant;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

/**
 * Prints the OSGi log to standard output, one line an entry, where systemd's journal (or a
 * terminal) picks it up. An exception shows as its class and message only; its stack trace only at
 * DEBUG, to keep the journal readable.
 */
@Component(
    service = {},
    immediate = true)
public final class ConsoleLog implements LogListener {
  private final LogReaderService reader;
  private final PrintStream out = System.out;

  @Activate
  public ConsoleLog(@Reference LogReaderService reader) {
    this.reader = reader;
    reader.addLogListener(this);
  }

  @Deactivate
  void stop() {
    reader.removeLogListener(this);
  }

  @Override
  public void logged(LogEntry entry) {
    String text = format(entry);
    if (text != null) {
      synchronized (out) {
        out.println(text);
      }
    }
  }

  /**
   * One line for an entry, or null to leave it out: DEBUG and TRACE, and the framework's service
   * and framework events below WARN, which say nothing an operator acts on. Bundle events stay, as
   * {@code bundle <name> <version> <EVENT>}: they are how an operator sees a deployment happen.
   */
  static String format(LogEntry entry) {
    LogLevel level = entry.getLogLevel();
    if (level.ordinal() > LogLevel.INFO.ordinal()) {
      return null;
    }
    String message = String.valueOf(entry.getMessage());
    boolean quiet = level.ordinal() > LogLevel.WARN.ordinal();
    if (quiet && (message.startsWith("ServiceEvent ") || message.startsWith("FrameworkEvent "))) {
      return null;
    }
    String source = entry.getBundle() != null ? entry.getBundle().getSymbolicName() : "-";
    if (message.startsWith("BundleEvent ") && entry.getBundle() != null) {
      message =
          "bundle " + source + " " + entry.getBundle().getVersion() + " " + message.substring(12);
    }
    StringBuilder line = new StringBuilder(160);
    line.append(Instant.ofEpochMilli(entry.getTime()))
        .append(' ')
        .append(String.format("%-5s", level))
        .append(' ')
        .append(source)
        .append(": ")
        .append(message);
    Throwable t = entry.getException();
    if (t != null) {
      line.append(" [").append(t).append(']');
    }
    return line.toString();
  }
}
