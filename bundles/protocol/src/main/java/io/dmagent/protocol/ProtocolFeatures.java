package io.dmagent.protocol;

import io.dmagent.api.mo.OptionalFeature;
import io.dmagent.api.session.ManagementSessions;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The optional DM features the session engine implements, registered as {@link OptionalFeature}
 * services while the engine runs (it references {@link ManagementSessions}, so they go with it):
 * the standard objects list them under {@code ./DevDetail/Ext/DMAgent/Features} (DM-HLF-009).
 */
@Component(
    immediate = true,
    reference = @Reference(name = "engine", service = ManagementSessions.class))
public final class ProtocolFeatures {
  static final List<OptionalFeature> FEATURES =
      List.of(
          new Feature(
              "LargeObject",
              "Large objects: values split over messages with MoreData and Meta Size"),
          new Feature(
              "NonceResync",
              "Nonce resynchronisation: a 401 or 407 Chal with a NextNonce restarts package 1 with it"),
          new Feature(
              "TNDS",
              "Tree and node description serialization: Get ?list=TNDS, Add and Replace of TNDS"),
          new Feature(
              "UserInteraction",
              "User interaction alerts 1100-1104: display, confirm, text input, single and"
                  + " multiple choice"),
          new Feature(
              "AsyncResults",
              "Asynchronous results: a Generic Alert (1226) carrying the Exec's Correlator"),
          new Feature("ClientEvent", "Client event alert 1224 sent to the server"));

  private final List<ServiceRegistration<OptionalFeature>> registrations;

  @Activate
  public ProtocolFeatures(BundleContext context) {
    this.registrations =
        FEATURES.stream()
            .map(f -> context.registerService(OptionalFeature.class, f, null))
            .toList();
  }

  @Deactivate
  void stop() {
    for (ServiceRegistration<OptionalFeature> r : registrations) {
      try {
        r.unregister();
      } catch (IllegalStateException alreadyGone) {
        // The bundle is stopping: the framework unregistered it already.
      }
    }
  }

  /** One feature, a name and a line. */
  record Feature(String name, String description) implements OptionalFeature {}
}
