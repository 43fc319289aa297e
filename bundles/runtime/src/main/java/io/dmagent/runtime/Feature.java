package io.dmagent.runtime;

import java.util.List;
import java.util.Objects;

/** A named set of bundles (and of other features), as a Karaf features.xml declares it. */
public record Feature(
    String name, String version, String description, List<String> features, List<String> bundles) {
  public Feature {
    Objects.requireNonNull(name);
    Objects.requireNonNull(version);
    Objects.requireNonNull(description);
    features = List.copyOf(features);
    bundles = List.copyOf(bundles);
  }
}
