package io.dmagent.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Decides whether a set of feature names may become the running set, before anything changes: every
 * name must exist, the set must keep the runtime's boot bundles, and it must keep a way to reach a
 * DM server (a bundle that provides a DM transport) unless the operator forces it. A gateway that
 * cannot reach its server cannot be repaired remotely.
 */
final class FeatureSetCheck {
  /** The service a bundle provides to carry DM messages to a server. */
  static final String TRANSPORT = "io.dmagent.api.transport.DmTransport";

  private final FeatureRepository repo;
  private final String bootFeature;
  private final Predicate<String> providesTransport;

  /**
   * @param providesTransport whether the bundle at a location provides {@link #TRANSPORT}
   */
  FeatureSetCheck(FeatureRepository repo, String bootFeature, Predicate<String> providesTransport) {
    this.repo = repo;
    this.bootFeature = bootFeature;
    this.providesTransport = providesTransport;
  }

  /**
   * The bundle locations of the set, or why it is refused.
   *
   * @param transportElsewhere a transport is installed outside the features (from deploy/)
   * @param force apply a set without a transport all the same
   */
  Set<String> bundlesOf(Collection<String> names, boolean transportElsewhere, boolean force)
      throws RefusedChange {
    if (names.isEmpty()) {
      throw new RefusedChange("the feature set is empty (the gateway needs at least dm-core)");
    }
    List<String> unknown =
        names.stream().filter(n -> repo.feature(n).isEmpty()).collect(Collectors.toList());
    if (!unknown.isEmpty()) {
      throw new RefusedChange(
          (unknown.size() == 1 ? "no feature named " : "no features named ")
              + quoted(unknown)
              + " (known: "
              + String.join(", ", known())
              + ")");
    }
    Set<String> wanted = new LinkedHashSet<>();
    for (String name : names) {
      try {
        wanted.addAll(repo.bundlesOf(name));
      } catch (FeatureRepository.UnknownFeatureException e) {
        throw new RefusedChange(
            "feature '" + name + "' refers to a missing feature: " + e.getMessage());
      }
    }
    if (!wanted.containsAll(boot())) {
      throw new RefusedChange(
          "the set "
              + names
              + " leaves out the runtime's boot bundles (feature "
              + bootFeature
              + ", part of dm-core)");
    }
    if (!force && !transportElsewhere && wanted.stream().noneMatch(providesTransport)) {
      throw new RefusedChange(
          "the set "
              + names
              + " leaves no way to reach a DM server (no bundle of it provides a DM transport; "
              + String.join(", ", transportFeatures())
              + " would)",
          true);
    }
    return wanted;
  }

  /** The bundles the launcher starts and no feature change removes. */
  Set<String> boot() throws RefusedChange {
    try {
      return new LinkedHashSet<>(repo.bundlesOf(bootFeature));
    } catch (FeatureRepository.UnknownFeatureException e) {
      throw new RefusedChange("the features descriptor declares no feature " + bootFeature);
    }
  }

  private List<String> known() {
    List<String> out = new ArrayList<>();
    repo.features().forEach(f -> out.add(f.name()));
    return out;
  }

  private List<String> transportFeatures() {
    List<String> out = new ArrayList<>();
    for (Feature f : repo.features()) {
      if (f.bundles().stream().anyMatch(providesTransport)) {
        out.add(f.name());
      }
    }
    return out.isEmpty() ? List.of("no feature") : out;
  }

  private static String quoted(List<String> names) {
    return names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
  }
}
