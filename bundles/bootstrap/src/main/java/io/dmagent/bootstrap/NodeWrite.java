package io.dmagent.bootstrap;

import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import java.util.Optional;

/**
 * One change a bootstrap makes to the tree, whatever profile carried it. Writes are upserts: a
 * bootstrap may update what an earlier one created (rebootstrap), so an interior node that exists
 * is kept and a leaf that exists is replaced.
 */
sealed interface NodeWrite {
  NodeUri uri();

  /** The same write at another place (an account renamed to the node it already has). */
  NodeWrite movedTo(NodeUri uri);

  /** An interior node, with its Type (MO identifier) when it roots an MO. */
  record Interior(NodeUri uri, Optional<String> type) implements NodeWrite {
    @Override
    public NodeWrite movedTo(NodeUri to) {
      return new Interior(to, type);
    }
  }

  /** A leaf and its value. */
  record Leaf(NodeUri uri, NodeValue value) implements NodeWrite {
    @Override
    public NodeWrite movedTo(NodeUri to) {
      return new Leaf(to, value);
    }
  }

  /** The ACL the message gives a node (TNDS RTProperties/ACL). */
  record AclOf(NodeUri uri, String acl) implements NodeWrite {
    @Override
    public NodeWrite movedTo(NodeUri to) {
      return new AclOf(to, acl);
    }
  }
}
