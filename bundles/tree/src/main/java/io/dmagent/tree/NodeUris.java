package io.dmagent.tree;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeUri;
import java.util.List;

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

  /**
   * Whether {@code ancestor} is {@code uri} or lies above it; like {@link
   * NodeUri#isAncestorOrSelfOf} without allocating, for checks made on every node of a listing.
   */
  static boolean isAncestorOrSelf(NodeUri ancestor, NodeUri uri) {
    List<String> a = ancestor.segments();
    List<String> u = uri.segments();
    if (a.size() > u.size()) {
      return false;
    }
    for (int i = a.size() - 1; i >= 0; i--) {
      if (!a.get(i).equals(u.get(i))) {
        return false;
      }
    }
    return true;
  }
}
