package io.dmagent.bootstrap;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeResult;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.TreeOperations;
import java.util.List;
import java.util.Optional;

/** Small reads of the tree a bootstrap needs, without leaving refusal lines for missing nodes. */
final class TreeNodes {
  private TreeNodes() {}

  /** Whether a node exists, asked of its parents' child lists. */
  static boolean exists(TreeOperations ops, NodeUri uri) throws DmException {
    if (uri.isRoot()) {
      return true;
    }
    return exists(ops, uri.parent()) && children(ops, uri.parent()).contains(uri.name());
  }

  static List<String> children(TreeOperations ops, NodeUri uri) throws DmException {
    NodeResult r = ops.get(uri);
    return r.isLeaf() ? List.of() : r.children();
  }

  /** The text of a leaf, if it exists. */
  static Optional<String> text(TreeOperations ops, NodeUri uri) throws DmException {
    if (!exists(ops, uri)) {
      return Optional.empty();
    }
    NodeResult r = ops.get(uri);
    return r.isLeaf() ? r.value().map(v -> v.text()) : Optional.empty();
  }
}
