package io.dmagent.policy;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeResult;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.Principal;

/** Existence of nodes, asked as the device so that a missing node is no refusal in the log. */
final class Nodes {
  private Nodes() {}

  static boolean exists(DmTree tree, NodeUri uri) {
    NodeUri at = NodeUri.ROOT;
    try {
      for (String name : uri.segments()) {
        NodeResult r = tree.operations(Principal.device()).get(at);
        if (r.isLeaf() || !r.children().contains(name)) {
          return false;
        }
        at = at.child(name);
      }
      return true;
    } catch (DmException e) {
      return false;
    }
  }
}
