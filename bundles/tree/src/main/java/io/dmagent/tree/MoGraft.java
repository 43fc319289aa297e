package io.dmagent.tree;

import io.dmagent.api.description.NodeDescription;
import io.dmagent.api.mo.ManagementObject;
import io.dmagent.api.tree.NodeUri;
import java.util.List;
import java.util.Optional;

/** A management object grafted into the tree: its root and the DDF node describing that root. */
record MoGraft(ManagementObject mo, NodeUri root, NodeDescription description) {

  /**
   * The description of {@code uri} at or below the root: named children first, then the unnamed
   * placeholder. Empty when the DDF leaves that part open (a node described without children, such
   * as {@code Ext}) or does not describe it.
   */
  Optional<NodeDescription> describe(NodeUri uri) {
    NodeDescription at = description;
    for (String name : uri.relativeTo(root)) {
      Optional<NodeDescription> next = child(at, name);
      if (next.isEmpty()) {
        return Optional.empty();
      }
      at = next.get();
    }
    return Optional.of(at);
  }

  /**
   * Whether {@code uri} lies in a part of the subtree the DDF leaves open: below an interior node
   * described without any child (the DDF's "continued elsewhere", e.g. {@code Ext}).
   */
  boolean isOpen(NodeUri uri) {
    NodeDescription at = description;
    for (String name : uri.relativeTo(root)) {
      if (at.isInterior() && at.children().isEmpty()) {
        return true;
      }
      Optional<NodeDescription> next = child(at, name);
      if (next.isEmpty()) {
        return false;
      }
      at = next.get();
    }
    return false;
  }

  static Optional<NodeDescription> child(NodeDescription parent, String name) {
    List<NodeDescription> children = parent.children();
    for (NodeDescription c : children) {
      if (c.name().equals(name)) {
        return Optional.of(c);
      }
    }
    for (NodeDescription c : children) {
      if (c.isPlaceholder()) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
