package io.dmagent.diagnostics;

import io.dmagent.api.session.ManagementSessions;
import io.dmagent.api.session.SessionReport;
import java.io.PrintStream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Prints one line per ended management session on the agent's standard output, where an operator
 * (or systemd's journal) reads the console log: {@code session 4F2A with acme-dm ended: completed,
 * 8 commands, 3 server packages, 85 ms}. The line starts with {@code session} so that it can be
 * found without knowing the log format.
 */
@Component(service = ManagementSessions.Listener.class)
public final class SessionSummaries implements ManagementSessions.Listener {
  private final PrintStream out;

  @Activate
  public SessionSummaries() {
    this(System.out);
  }

  SessionSummaries(PrintStream out) {
    this.out = out;
  }

  @Override
  public void sessionEnded(SessionReport report) {
    String line = report.summary();
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }
}
