package io.dmagent.scomo;

import io.dmagent.api.log.WireText;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Tells servers how their operations ended: every report is kept ({@link ReportQueue}) and handed
 * to the alert service as soon as there is one, which asks for a session to deliver it.
 */
final class Reporter {
  private final ReportQueue queue;
  private final Services services;
  private final Consumer<String> info;
  private final Consumer<String> warn;

  Reporter(ReportQueue queue, Services services, Consumer<String> info, Consumer<String> warn) {
    this.queue = queue;
    this.services = services;
    this.info = info;
    this.warn = warn;
  }

  void report(Report r) {
    String line =
        "SCOMO "
            + r.source()
            + " of "
            + WireText.quote(r.identifier())
            + " for "
            + (r.serverId().isEmpty() ? "the device" : WireText.quote(r.serverId()))
            + ": "
            + r.code().code()
            + (r.reason().isEmpty() ? "" : " (" + r.reason() + ")");
    if (r.code() == ResultCode.SUCCESSFUL) {
      info.accept(line);
    } else {
      warn.accept(line);
    }
    if (r.serverId().isEmpty()) {
      return; // asked from the console: the log line is the report
    }
    try {
      queue.add(r);
    } catch (IOException e) {
      warn.accept("cannot keep the SCOMO report for " + r.serverId() + ": " + e.getMessage());
      return;
    }
    flush();
  }

  /** Hands the waiting reports over, once the alert service is there. */
  void flush() {
    services.alerts().ifPresent(queue::flush);
  }
}
