package io.dmagent.api.feature;

import java.util.List;
import java.util.Objects;

/**
 * What one install or uninstall of a feature did, or why it did nothing.
 *
 * @param feature the feature's name
 * @param outcome applied, nothing to do, or refused
 * @param installed the symbolic names of the bundles it installed and started
 * @param uninstalled the symbolic names of the bundles it uninstalled
 * @param message one line for the operator: what changed, or the reason of a refusal
 */
public record FeatureChange(
    String feature,
    Outcome outcome,
    List<String> installed,
    List<String> uninstalled,
    String message) {

  /** How a change ended. */
  public enum Outcome {
    /** The running set changed. */
    APPLIED,
    /** The feature was already installed (or not installed); nothing changed. */
    UNCHANGED,
    /**
     * The change was refused as a whole and nothing changed: an unknown feature, one another
     * installed feature includes, a set without the boot bundles or without a way to reach a DM
     * server, or a bundle that cannot be installed or resolved.
     */
    REFUSED
  }

  public FeatureChange {
    Objects.requireNonNull(feature);
    Objects.requireNonNull(outcome);
    installed = List.copyOf(installed);
    uninstalled = List.copyOf(uninstalled);
    Objects.requireNonNull(message);
  }

  /** Whether the change was refused. */
  public boolean refused() {
    return outcome == Outcome.REFUSED;
  }
}
