package io.dmagent.scomo;

import java.util.List;

/**
 * One deployed component as {@code Inventory/Deployed/<node>} shows it: a bundle (ID its symbolic
 * name), a feature SCOMO installed from a feature package, or a feature of the distribution the
 * runtime runs (ID its name, its bundles by symbolic name).
 */
record Component(
    String node,
    String id,
    String name,
    String version,
    boolean active,
    Kind kind,
    String location,
    String signer,
    List<String> bundles) {

  enum Kind {
    BUNDLE,
    FEATURE,
    /** A feature of the runtime's feature service: changed through it, never bundle by bundle. */
    DISTRIBUTION_FEATURE
  }

  static final String FEATURE_NODE_PREFIX = "feature.";

  Component {
    bundles = List.copyOf(bundles);
  }
}
