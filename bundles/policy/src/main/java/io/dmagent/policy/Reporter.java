package io.dmagent.policy;

import io.dmagent.api.report.SessionlessReports;
import io.dmagent.api.session.AlertMark;
import io.dmagent.api.session.AlertService;
import io.dmagent.api.session.GenericAlert;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.Principal;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Tells the policy's owner what it did (HLF-5, DMS-02, Device-01): a Generic Alert of type {@value
 * #TYPE}, queued for the owner's next session or sent at once without a session, as the policy's
 * Report says. A policy the device owns reports to every server.
 */
final class Reporter {
  /** The registered alert type root and the type, joined by a colon (docs/CONFORMANCE.md). */
  static final String TYPE = "urn:oma:at:oma-mgmtpolicymo:1.0:policyreport";

  private final Supplier<Optional<AlertService>> alerts;
  private final Supplier<Optional<SessionlessReports>> sessionless;
  private final Consumer<String> warn;

  Reporter(
      Supplier<Optional<AlertService>> alerts,
      Supplier<Optional<SessionlessReports>> sessionless,
      Consumer<String> warn) {
    this.alerts = alerts;
    this.sessionless = sessionless;
    this.warn = warn;
  }

  void report(CompiledPolicy policy, Result result) {
    if (policy.report() == CompiledPolicy.ReportMode.NONE) {
      return;
    }
    GenericAlert alert = alert(policy, result);
    Principal owner = policy.context().owner();
    Optional<String> server = owner.isDevice() ? Optional.empty() : Optional.of(owner.serverId());
    try {
      if (policy.report() == CompiledPolicy.ReportMode.SESSIONLESS && server.isPresent()) {
        Optional<SessionlessReports> s = sessionless.get();
        if (s.isPresent()) {
          s.get().report(server.get(), alert);
          return;
        }
        warn.accept(
            policy.uri() + ": no sessionless reporting here, the report waits for a session");
      }
      Optional<AlertService> a = alerts.get();
      if (a.isEmpty()) {
        warn.accept(policy.uri() + ": no alert service, result recorded in the tree only");
        return;
      }
      a.get().queue(alert, server);
    } catch (DmException e) {
      warn.accept(policy.uri() + ": report not queued: " + e.getMessage());
    }
  }

  static GenericAlert alert(CompiledPolicy policy, Result result) {
    String data =
        "outcome="
            + result.outcome()
            + "\ntime="
            + result.time()
            + "\ndetail="
            + result.detail().replace("\n", "\n ");
    return new GenericAlert(
        TYPE,
        NodeFormat.CHR,
        result.failed() ? AlertMark.WARNING : AlertMark.INFORMATIONAL,
        Optional.of(policy.uri()),
        data.getBytes(StandardCharsets.UTF_8),
        Optional.empty());
  }
}
