package io.dmagent.scomo;

import io.dmagent.api.feature.FeatureChange;
import io.dmagent.api.feature.Features;

/**
 * Activate, Deactivate and Remove of a distribution feature, through the runtime's feature service
 * and so with its checks: Activate installs the feature, Deactivate and Remove uninstall it (a
 * deactivated feature stays in the inventory, Inactive). A change the runtime refuses (the last way
 * to reach a DM server, a feature another installed one includes, the boot feature) fails with the
 * operation's result code and the runtime's reason; nothing changed then. A feature the gateway
 * does not run is a delivered component: Install installs it, InstallInactive lists it as deployed
 * and Inactive (the runtime starts what it installs, so it is installed at its Activate), Remove is
 * refused (the distribution's files stay).
 */
final class FeatureOperations {
  private final DistributionFeatures features;

  FeatureOperations(DistributionFeatures features) {
    this.features = features;
  }

  /** Install, InstallInactive or Remove of a feature the gateway does not run. */
  void runDelivered(String operation, Component c, ResultCode failure)
      throws OperationFailure, InterruptedException {
    switch (operation) {
      case "Install" -> run("Activate", c, failure);
      case "InstallInactive" -> features.deactivated(c.id());
      default ->
          throw new OperationFailure(
              failure,
              "feature "
                  + c.id()
                  + " is part of the distribution: it stays available, nothing changed");
    }
  }

  void run(String operation, Component c, ResultCode failure)
      throws OperationFailure, InterruptedException {
    Features service =
        features
            .service()
            .orElseThrow(
                () ->
                    new OperationFailure(
                        failure, "the runtime's feature service is not available"));
    FeatureChange change =
        operation.equals("Activate") ? service.install(c.id()) : service.uninstall(c.id());
    if (change.refused()) {
      throw new OperationFailure(failure, change.message());
    }
    if (operation.equals("Deactivate")) {
      features.deactivated(c.id());
    } else {
      features.forget(c.id());
    }
  }
}
