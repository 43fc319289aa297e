package io.dmagent.scomo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.osgi.framework.Bundle;

/**
 * The deployed components, read from the framework each time: every bundle (but the framework
 * itself), every feature SCOMO installed from a feature package, and the distribution's features.
 */
final class Inventory {
  /** A bundle's node is its symbolic name, when that is a node name a server can type. */
  private static final Pattern NODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private final Deployer deployer;
  private final FeatureRecords records;
  private final DistributionFeatures distribution;

  Inventory(Deployer deployer, FeatureRecords records, DistributionFeatures distribution) {
    this.deployer = deployer;
    this.records = records;
    this.distribution = distribution;
  }

  List<Component> deployed() {
    List<Component> out = new ArrayList<>();
    for (Bundle b : deployer.bundles()) {
      String bsn = b.getSymbolicName();
      if (b.getBundleId() == 0 || bsn == null || !NODE.matcher(bsn).matches()) {
        continue;
      }
      if (b.getState() == Bundle.UNINSTALLED) {
        continue;
      }
      out.add(
          new Component(
              bsn,
              bsn,
              name(b),
              b.getVersion().toString(),
              active(b),
              Component.Kind.BUNDLE,
              b.getLocation(),
              records.signer(bsn),
              List.of(bsn)));
    }
    java.util.Set<String> packaged = new java.util.HashSet<>();
    for (FeatureRecords.InstalledFeature f : records.all()) {
      packaged.add(f.name());
      boolean active =
          !f.bundles().isEmpty()
              && f.bundles().stream()
                  .allMatch(s -> deployer.find(s).map(Inventory::active).orElse(false));
      out.add(
          new Component(
              Component.FEATURE_NODE_PREFIX + f.name(),
              f.name(),
              f.description(),
              f.version(),
              active,
              Component.Kind.FEATURE,
              "",
              records.signer(f.name()),
              f.bundles()));
    }
    out.addAll(distribution.deployed(packaged));
    return out;
  }

  /**
   * The distribution's features the gateway does not run, as delivered components; a package
   * delivered under the same node hides one.
   */
  List<Component> available(List<DeliveredStore.Delivered> delivered) {
    java.util.Set<String> taken = new java.util.HashSet<>();
    delivered.forEach(d -> taken.add(d.node()));
    records.all().forEach(f -> taken.add(Component.FEATURE_NODE_PREFIX + f.name()));
    return distribution.available(taken);
  }

  Optional<Component> find(String node) {
    return deployed().stream().filter(c -> c.node().equals(node)).findFirst();
  }

  /** A fragment counts as active once it is attached (resolved). */
  static boolean active(Bundle b) {
    return b.getState() == Bundle.ACTIVE
        || (Deployer.isFragment(b) && b.getState() == Bundle.RESOLVED);
  }

  private static String name(Bundle b) {
    String name = b.getHeaders("").get("Bundle-Name");
    return name == null ? b.getSymbolicName() : name;
  }
}
