package io.dmagent.scomo;

import java.util.List;

/**
 * One deployed component as {@code Inventory/Deployed/<node>} shows it: a bundle (ID its symbolic
 * name) or a feature (ID its name, its bundles by symbolic name).
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
    FEATURE
  }

  static final String FEATURE_NODE_PREFIX = "feature.";

  Component {
    bundles = List.copyOf(bundles);
  }
}
