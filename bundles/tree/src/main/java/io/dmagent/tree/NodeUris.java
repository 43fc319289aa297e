package io.dmagent.tree;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeUri;

/** URI helpers for names that already come from the tree itself and so are known to be valid. */
final class NodeUris {
  private NodeUris() {}

  static NodeUri child(NodeUri parent, String storedName) {
    try {
      return parent.child(storedName);
    } catch (DmException e) {
      throw new IllegalStateException("stored node name is not a valid name: " + e.getMessage(), e);
    }
  }
}
