package io.dmagent.api.tree;

import java.util.Objects;
import java.util.Optional;

/**
 * One committed change of the tree, as delivered to {@link TreeChangeListener}s. The new value is
 * never part of it: listeners that need it read it through the tree with their own rights, so that
 * secrets do not leak through events.
 */
public record TreeChange(
    Kind kind, NodeUri uri, Optional<NodeProperty> property, Principal principal) {

  /** What happened to the node. */
  public enum Kind {
    ADDED,
    REPLACED,
    DELETED,
    PROPERTY_REPLACED,
    RENAMED
  }

  public TreeChange {
    Objects.requireNonNull(kind);
    Objects.requireNonNull(uri);
    Objects.requireNonNull(property);
    Objects.requireNonNull(principal);
  }
}
