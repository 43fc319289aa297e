package io.dmagent.launcher;

import java.util.ArrayList;
import java.util.List;
import org.apache.felix.framework.Logger;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * The framework's own log (its errors, printed on standard output as before), held back while it
 * reads a kept cache: Felix reports a cached bundle it cannot read (a damaged jar or record) as an
 * error with a stack trace and drops the bundle, which would leave the agent without it. The
 * launcher starts clean instead, with one warning, when any error was held.
 */
final class HeldErrors extends Logger {
  /** The configuration property Felix takes its logger from. */
  static final String PROPERTY = "felix.log.logger";

  private final List<String> held = new ArrayList<>();
  private boolean holding;

  /** Holds the errors logged from now on, instead of printing them. */
  synchronized void hold() {
    holding = true;
  }

  /** Prints what is logged from now on; returns the errors held until now, each in one line. */
  synchronized List<String> release() {
    holding = false;
    List<String> out = List.copyOf(held);
    held.clear();
    return out;
  }

  @Override
  protected void doLog(
      Bundle bundle, ServiceReference sr, int level, String msg, Throwable throwable) {
    if (!held(level, msg, throwable)) {
      super.doLog(bundle, sr, level, msg, throwable);
    }
  }

  /** What the framework's parts without a bundle (its cache among them) log through. */
  @Override
  protected void doLog(int level, String msg, Throwable throwable) {
    if (!held(level, msg, throwable)) {
      super.doLog(level, msg, throwable);
    }
  }

  private synchronized boolean held(int level, String msg, Throwable throwable) {
    if (holding && level == LOG_ERROR) {
      held.add(throwable == null ? msg : msg + " (" + throwable + ")");
      return true;
    }
    return false;
  }
}
