package io.dmagent.api.tree;

import java.util.List;

/**
 * Whiteboard service told of every committed change, once per commit, in commit order. Register
 * with the service property {@link #SUBTREE} to hear only of changes at or below a node. Called on
 * a tree thread: return quickly.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface TreeChangeListener {
  /** Optional service property: a node URI (String); only changes at or below it are delivered. */
  String SUBTREE = "dm.tree.subtree";

  void treeChanged(List<TreeChange> changes);
}
