package io.dmagent.runtime;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;

/** A log entry as the log service hands one to a listener (no bundle: the source prints as -). */
record Entry(LogLevel level, String message, Throwable exception) implements LogEntry {
  @Override
  public Bundle getBundle() {
    return null;
  }

  @Override
  public ServiceReference<?> getServiceReference() {
    return null;
  }

  @SuppressWarnings("deprecation")
  @Override
  public int getLevel() {
    return level.ordinal();
  }

  @Override
  public String getMessage() {
    return message;
  }

  @Override
  public Throwable getException() {
    return exception;
  }

  @Override
  public long getTime() {
    return 1_700_000_000_000L;
  }

  @Override
  public LogLevel getLogLevel() {
    return level;
  }

  @Override
  public String getLoggerName() {
    return "io.dmagent.test";
  }

  @Override
  public long getSequence() {
    return 1;
  }

  @Override
  public String getThreadInfo() {
    return "main";
  }

  @Override
  public StackTraceElement getLocation() {
    return null;
  }
}
