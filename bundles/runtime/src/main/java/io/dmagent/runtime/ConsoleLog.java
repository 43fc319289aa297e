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
@Component
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
    if (entry.getLogLevel().ordinal() > LogLevel.INFO.ordinal()) {
      return; // DEBUG and TRACE stay in the log service's buffer
    }
    StringBuilder line = new StringBuilder(160);
    line.append(Instant.ofEpochMilli(entry.getTime()))
        .append(' ')
        .append(String.format("%-5s", entry.getLogLevel()))
        .append(' ')
        .append(entry.getBundle() != null ? entry.getBundle().getSymbolicName() : "-")
        .append(": ")
        .append(entry.getMessage());
    Throwable t = entry.getException();
    if (t != null) {
      line.append(" [").append(t).append(']');
    }
    synchronized (out) {
      out.println(line);
    }
  }
}
