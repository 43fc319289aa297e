package io.dmagent.runtime;

import java.io.PrintStream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.log.admin.LoggerAdmin;

/**
 * Prints the OSGi log to standard output, one line an entry ({@link LogLine}), where systemd's
 * journal (or a terminal) picks it up. Which entries exist at all is the LoggerAdmin's decision
 * ({@link LogLevels}); an exception's stack trace is printed when its bundle logs at DEBUG.
 */
@Component(
    service = {},
    immediate = true)
public final class ConsoleLog implements LogListener {
  private final LogReaderService reader;
  private final LoggerAdmin levels;
  private final PrintStream out = System.out;
  private final boolean journald = JournalStream.isStandardOutput();

  @Activate
  public ConsoleLog(@Reference LogReaderService reader, @Reference LoggerAdmin levels) {
    this.reader = reader;
    this.levels = levels;
    reader.addLogListener(this);
  }

  @Deactivate
  void stop() {
    reader.removeLogListener(this);
  }

  @Override
  public void logged(LogEntry entry) {
    var lines = LogLine.of(entry, journald, entry.getException() != null && debug(entry));
    if (!lines.isEmpty()) {
      synchronized (out) {
        lines.forEach(out::println);
      }
    }
  }

  private boolean debug(LogEntry entry) {
    String bundle = entry.getBundle() != null ? entry.getBundle().getSymbolicName() : null;
    LogLevel effective =
        levels.getLoggerContext(bundle).getEffectiveLogLevel(entry.getLoggerName());
    return effective.implies(LogLevel.DEBUG);
  }
}
