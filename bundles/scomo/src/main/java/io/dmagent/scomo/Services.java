package io.dmagent.scomo;

import io.dmagent.api.download.Downloads;
import io.dmagent.api.feature.Features;
import io.dmagent.api.session.AlertService;
import io.dmagent.api.session.ManagementSessions;
import java.util.Optional;

/**
 * The services SCOMO uses that come and go while it runs: the protocol bundle (alerts, sessions)
 * may be the very bundle SCOMO is updating, the download bundle is optional, and the runtime's
 * feature service is used only while it is there.
 */
final class Services {
  private volatile AlertService alerts;
  private volatile ManagementSessions sessions;
  private volatile Downloads downloads;
  private volatile Features features;

  Optional<AlertService> alerts() {
    return Optional.ofNullable(alerts);
  }

  Optional<ManagementSessions> sessions() {
    return Optional.ofNullable(sessions);
  }

  Optional<Downloads> downloads() {
    return Optional.ofNullable(downloads);
  }

  Optional<Features> features() {
    return Optional.ofNullable(features);
  }

  void features(Features s) {
    features = s;
  }

  void alerts(AlertService s) {
    alerts = s;
  }

  void sessions(ManagementSessions s) {
    sessions = s;
  }

  void downloads(Downloads s) {
    downloads = s;
  }

  /** Unbinding clears only the service that went, not one bound after it. */
  synchronized void gone(Object s) {
    if (alerts == s) {
      alerts = null;
    }
    if (sessions == s) {
      sessions = null;
    }
    if (downloads == s) {
      downloads = null;
    }
    if (features == s) {
      features = null;
    }
  }
}
