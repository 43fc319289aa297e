package io.dmagent.api.feature;

import java.util.List;
import java.util.Objects;

/**
 * One feature the gateway knows, as it is when asked.
 *
 * @param name the feature's name, e.g. {@code dm-http}
 * @param version its version
 * @param description its description; empty when it has none
 * @param bundles the locations of every bundle it needs (those of the features it refers to
 *     included), in install order
 * @param installed whether it runs: named in the running set, or part of a feature that is
 * @param boot whether its bundles are the runtime's boot bundles, which no change removes
 */
public record Feature(
    String name,
    String version,
    String description,
    List<String> bundles,
    boolean installed,
    boolean boot) {
  public Feature {
    Objects.requireNonNull(name);
    Objects.requireNonNull(version);
    Objects.requireNonNull(description);
    bundles = List.copyOf(bundles);
  }
}
