package io.dmagent.stdobj;

import io.dmagent.api.log.WireText;
import io.dmagent.api.mo.ManagementObject;
import io.dmagent.api.mo.OptionalFeature;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The list of optional features under {@code ./DevDetail/Ext/DMAgent/Features} (DM-HLF-009): for
 * every {@link OptionalFeature} service it registers a {@link FeatureNode} management object, and
 * unregisters it when the feature's service goes, so the list follows the bundles installed. The
 * calls come from the service registry synchronously, so a feature's node is gone before the
 * unregistration of its service returns.
 */
@Component(immediate = true)
public final class FeatureDirectory {
  private final BundleContext context;
  private final Logger log;

  /** Guarded by this: the node registered for each listed feature, and the names taken. */
  private final Map<OptionalFeature, ServiceRegistration<ManagementObject>> listed =
      new IdentityHashMap<>();

  private final Set<String> names = new HashSet<>();

  /** Guarded by this: features whose name another listed feature has; listed when it goes. */
  private final List<OptionalFeature> waiting = new ArrayList<>();

  private boolean stopped;

  @Activate
  public FeatureDirectory(
      BundleContext context, @Reference(service = LoggerFactory.class) Logger log) {
    this.context = context;
    this.log = log;
  }

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  synchronized void addFeature(OptionalFeature feature) {
    if (stopped) {
      return;
    }
    String name = feature.name();
    if (names.contains(name)) {
      log.warn("optional feature " + WireText.quote(name, 80) + " provided twice: listed once");
      waiting.add(feature);
      return;
    }
    FeatureNode node;
    try {
      node = new FeatureNode(feature);
    } catch (IllegalArgumentException e) {
      log.warn("optional feature " + WireText.quote(name, 80) + " not listed: " + e.getMessage());
      return;
    }
    names.add(name);
    listed.put(feature, context.registerService(ManagementObject.class, node, null));
  }

  synchronized void removeFeature(OptionalFeature feature) {
    if (waiting.remove(feature)) {
      return;
    }
    ServiceRegistration<ManagementObject> registration = listed.remove(feature);
    if (registration != null) {
      names.remove(feature.name());
      unregister(registration);
      waiting.stream()
          .filter(w -> w.name().equals(feature.name()))
          .findFirst()
          .ifPresent(
              w -> {
                waiting.remove(w);
                addFeature(w);
              });
    }
  }

  @Deactivate
  synchronized void stop() {
    stopped = true;
    for (ServiceRegistration<ManagementObject> registration : new ArrayList<>(listed.values())) {
      unregister(registration);
    }
    listed.clear();
    names.clear();
    waiting.clear();
  }

  private static void unregister(ServiceRegistration<ManagementObject> registration) {
    try {
      registration.unregister();
    } catch (IllegalStateException alreadyGone) {
      // The bundle is stopping: the framework unregistered it already.
    }
  }
}
