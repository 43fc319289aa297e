package io.dmagent.scomo;

import io.dmagent.api.feature.Feature;
import io.dmagent.api.feature.Features;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Bundle;

/**
 * The distribution's features as deployed components, read from the runtime's feature service each
 * time: every installed feature (Active when all its bundles are), and those a server deactivated,
 * which the runtime no longer runs but the inventory keeps as Inactive until a server activates or
 * removes them (as long as the runtime's change lasts: until the next start). The features it does
 * not run (but the boot ones) are delivered components: a server installs them from there.
 */
final class DistributionFeatures {
  private final Deployer deployer;
  private final Services services;
  private final Set<String> deactivated = ConcurrentHashMap.newKeySet();

  DistributionFeatures(Deployer deployer, Services services) {
    this.deployer = deployer;
    this.services = services;
  }

  Optional<Features> service() {
    return services.features();
  }

  /** The components, leaving out the names SCOMO's own feature packages use. */
  List<Component> deployed(Set<String> taken) {
    List<Component> out = new ArrayList<>();
    Optional<Features> features = services.features();
    if (features.isEmpty()) {
      return out;
    }
    for (Feature f : features.get().features()) {
      if (f.installed()) {
        deactivated.remove(f.name()); // installed again since, from the console or the file
      }
      if (taken.contains(f.name()) || !(f.installed() || deactivated.contains(f.name()))) {
        continue;
      }
      List<String> symbolicNames = new ArrayList<>();
      boolean active = f.installed() && !f.bundles().isEmpty();
      for (String location : f.bundles()) {
        Optional<Bundle> b = deployer.byLocation(location);
        b.map(Bundle::getSymbolicName).ifPresent(symbolicNames::add);
        active &= b.map(Inventory::active).orElse(false);
      }
      out.add(component(f, active, symbolicNames));
    }
    return out;
  }

  /**
   * The features the runtime could run but does not (and no server deactivated), as delivered
   * components, leaving out the names SCOMO's own packages use.
   */
  List<Component> available(Set<String> taken) {
    List<Component> out = new ArrayList<>();
    Optional<Features> features = services.features();
    if (features.isEmpty()) {
      return out;
    }
    for (Feature f : features.get().features()) {
      String node = Component.FEATURE_NODE_PREFIX + f.name();
      if (f.installed() || f.boot() || deactivated.contains(f.name()) || taken.contains(node)) {
        continue;
      }
      out.add(component(f, false, List.of()));
    }
    return out;
  }

  private static Component component(Feature f, boolean active, List<String> symbolicNames) {
    return new Component(
        Component.FEATURE_NODE_PREFIX + f.name(),
        f.name(),
        f.description().isEmpty() ? f.name() : f.description(),
        f.version(),
        active,
        Component.Kind.DISTRIBUTION_FEATURE,
        "",
        "",
        symbolicNames);
  }

  /** A server deactivated the feature: it stays in the inventory, Inactive. */
  void deactivated(String name) {
    deactivated.add(name);
  }

  /** A server activated or removed the feature. */
  void forget(String name) {
    deactivated.remove(name);
  }
}
