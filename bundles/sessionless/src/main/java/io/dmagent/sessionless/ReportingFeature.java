package io.dmagent.sessionless;

import io.dmagent.api.mo.OptionalFeature;
import io.dmagent.api.report.SessionlessReports;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code SessionlessReporting}: while reports can be made. */
@Component(service = OptionalFeature.class)
public final class ReportingFeature implements OptionalFeature {
  @Activate
  public ReportingFeature(@Reference SessionlessReports reports) {
    // Only its presence matters.
  }

  @Override
  public String name() {
    return "SessionlessReporting";
  }

  @Override
  public String description() {
    return "Generic Alerts and command outcomes sent without a session, over HTTP or MQTT";
  }
}
