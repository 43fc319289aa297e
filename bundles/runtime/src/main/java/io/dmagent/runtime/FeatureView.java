package io.dmagent.runtime;

import io.dmagent.api.feature.Feature;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The features of a repository as the feature service shows them: a feature is installed when the
 * running set names it or a feature of the running set refers to it (its bundles are all there),
 * and boot when its bundles are all boot bundles (no change removes them).
 */
final class FeatureView {
  private final FeatureRepository repo;
  private final Set<String> installed = new LinkedHashSet<>();
  private final Set<String> boot = new LinkedHashSet<>();

  FeatureView(FeatureRepository repo, Collection<String> running, String bootFeature) {
    this.repo = repo;
    for (String name : running) {
      try {
        installed.addAll(repo.closureOf(name));
      } catch (FeatureRepository.UnknownFeatureException e) {
        // A running feature no repository declares any more shows nowhere.
      }
    }
    try {
      boot.addAll(repo.bundlesOf(bootFeature));
    } catch (FeatureRepository.UnknownFeatureException e) {
      // No boot feature declared: nothing is boot.
    }
  }

  List<Feature> features() {
    List<Feature> out = new ArrayList<>();
    for (io.dmagent.runtime.Feature f : repo.features()) {
      out.add(describe(f));
    }
    out.sort((a, b) -> a.name().compareTo(b.name()));
    return out;
  }

  private Feature describe(io.dmagent.runtime.Feature f) {
    List<String> bundles;
    try {
      bundles = repo.bundlesOf(f.name());
    } catch (FeatureRepository.UnknownFeatureException e) {
      bundles = List.of(); // it refers to a feature no repository declares: it cannot be installed
    }
    return new Feature(
        f.name(),
        f.version(),
        f.description(),
        bundles,
        installed.contains(f.name()),
        !bundles.isEmpty() && boot.containsAll(bundles));
  }
}
