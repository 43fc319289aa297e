package io.dmagent.authority;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.TreeOperations;

/** Small questions asked of the tree as the device. */
final class Nodes {
  private Nodes() {}

  /**
   * Whether a node exists, asked of its parents' child lists: a Get of a missing node would leave a
   * refusal line in the tree's log for nothing.
   */
  static boolean exists(TreeOperations ops, NodeUri uri) throws DmException {
    if (uri.isRoot()) {
      return true;
    }
    return exists(ops, uri.parent()) && ops.get(uri.parent()).children().contains(uri.name());
  }
}
