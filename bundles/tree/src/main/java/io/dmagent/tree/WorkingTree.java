package io.dmagent.tree;

import io.dmagent.api.tree.NodeUri;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The tree as one unit of work sees it: the store with this unit's pending changes laid over it.
 * Nothing reaches the store before {@link TreeStore#commit} takes {@link #changes()}; dropping the
 * object is the roll-back.
 *
 * <p>A transaction runs several commands in one unit of work, and a command that fails must undo
 * only itself. Each command is a step: {@link #beginStep()} starts an undo log that records, for
 * each node the step touches first, what was pending for it before; {@link #undoStep()} puts that
 * back. A step costs what it touches, never the size of the transaction so far.
 */
final class WorkingTree {
  /** Marks a node removed in this unit of work. */
  private static final NodeRecord REMOVED =
      new NodeRecord(io.dmagent.api.tree.NodeFormat.NULL, "", null, "", "", -1, -1);

  /** In the undo log: the node had nothing pending before the step. */
  private static final NodeRecord NOTHING =
      new NodeRecord(io.dmagent.api.tree.NodeFormat.NULL, "", null, "", "", -2, -2);

  /** Which stored nodes belong to a management object that is away, and so are not there. */
  interface Hiding {
    boolean hides(NodeUri uri);

    /** Whether some child of {@code parent} may be hidden: false spares a check per child. */
    boolean mayHideChildOf(NodeUri parent);
  }

  private final TreeStore store;
  private final Hiding hiding;
  private final boolean readOnly;
  // Created on the first change: a unit of work that only reads allocates none of them.
  private Map<NodeUri, NodeRecord> pending;
  // Parent -> names of its children that have (or had) something pending.
  private Map<NodeUri, Set<String>> touched;
  private Map<NodeUri, NodeRecord> undo;
  private long undoEntries;

  WorkingTree(TreeStore store, Hiding hiding) {
    this(store, hiding, false);
  }

  private WorkingTree(TreeStore store, Hiding hiding, boolean readOnly) {
    this.store = store;
    this.hiding = hiding;
    this.readOnly = readOnly;
  }

  /**
   * The committed tree, for reads: one instance serves every read of the tree, which refuses
   * changes.
   */
  static WorkingTree readOnly(TreeStore store, Hiding hiding) {
    return new WorkingTree(store, hiding, true);
  }

  /** The node's record as this unit of work sees it, or null. */
  NodeRecord record(NodeUri uri) {
    if (hiding.hides(uri)) {
      return null;
    }
    if (pending != null) {
      NodeRecord p = pending.get(uri);
      if (p != null) {
        return p == REMOVED ? null : p;
      }
    }
    return store.record(uri);
  }

  Optional<NodeRecord> get(NodeUri uri) {
    return Optional.ofNullable(record(uri));
  }

  boolean exists(NodeUri uri) {
    return record(uri) != null;
  }

  /** Names of the node's children, in name order. */
  List<String> children(NodeUri uri) {
    return entries(uri).names();
  }

  /** The node's children with their records, in name order; none if the node does not exist. */
  Children entries(NodeUri uri) {
    if (hiding.hides(uri)) {
      return Children.NONE;
    }
    Children stored = store.entries(uri);
    Set<String> changed = touched == null ? null : touched.get(uri);
    if (changed == null && !anyHidden(uri, stored)) {
      return stored == null ? Children.NONE : stored;
    }
    TreeMap<String, NodeRecord> merged = new TreeMap<>();
    if (stored != null) {
      for (int i = 0; i < stored.size(); i++) {
        merged.put(stored.name(i), stored.record(i));
      }
    }
    if (changed != null) {
      for (String name : changed) {
        NodeRecord p = pending.get(NodeUris.child(uri, name));
        if (p == REMOVED) {
          merged.remove(name);
        } else if (p != null) {
          merged.put(name, p);
        }
      }
    }
    if (hiding.mayHideChildOf(uri)) {
      merged.keySet().removeIf(name -> hiding.hides(NodeUris.child(uri, name)));
    }
    return new Children(
        merged.keySet().toArray(new String[0]), merged.values().toArray(new NodeRecord[0]));
  }

  private boolean anyHidden(NodeUri uri, Children stored) {
    if (stored == null || !hiding.mayHideChildOf(uri)) {
      return false;
    }
    for (int i = 0; i < stored.size(); i++) {
      if (hiding.hides(NodeUris.child(uri, stored.name(i)))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The ACL text that governs the node: its own, or that of the nearest ancestor with one; null if
   * none has (the caller falls back to the root's default).
   */
  String nearestAcl(NodeUri uri) {
    if (pending == null && !hiding.hides(uri)) {
      return store.nearestAcl(uri);
    }
    for (NodeUri at = uri; ; at = at.parent()) {
      NodeRecord r = record(at);
      if (r != null && !r.acl().isEmpty()) {
        return r.acl();
      }
      if (at.isRoot()) {
        return null;
      }
    }
  }

  /**
   * The node's record (null if it does not exist) and the ACL text that governs it (null: the
   * root's default), in one walk down the tree when nothing is pending.
   */
  MemoryTree.Found lookup(NodeUri uri) {
    if (pending == null && !hiding.hides(uri)) {
      return store.lookup(uri);
    }
    return new MemoryTree.Found(record(uri), nearestAcl(uri));
  }

  void put(NodeUri uri, NodeRecord record) {
    if (readOnly) {
      throw new IllegalStateException("a read changed the tree at " + uri);
    }
    if (pending == null) {
      pending = new LinkedHashMap<>();
      touched = new HashMap<>();
    }
    NodeRecord before = pending.put(uri, record);
    if (undo != null && !undo.containsKey(uri)) {
      undo.put(uri, before == null ? NOTHING : before);
      undoEntries++;
    }
    if (!uri.isRoot()) {
      touched.computeIfAbsent(uri.parent(), p -> new TreeSet<>()).add(uri.name());
    }
  }

  /** Removes a node and everything below it. */
  void removeSubtree(NodeUri uri) {
    Children children = entries(uri);
    for (int i = 0; i < children.size(); i++) {
      removeSubtree(NodeUris.child(uri, children.name(i)));
    }
    put(uri, REMOVED);
  }

  /** Nodes put (not removed) in this unit of work so far. */
  Map<NodeUri, NodeRecord> pendingPuts() {
    Map<NodeUri, NodeRecord> out = new LinkedHashMap<>();
    if (pending != null) {
      pending.forEach(
          (k, v) -> {
            if (v != REMOVED) {
              out.put(k, v);
            }
          });
    }
    return out;
  }

  /** Whether this unit of work removed the node. */
  boolean isRemoved(NodeUri uri) {
    return pending != null && pending.get(uri) == REMOVED;
  }

  boolean hasChanges() {
    return pending != null && !pending.isEmpty();
  }

  /** The changes to commit: a null record means removed. */
  Map<NodeUri, NodeRecord> changes() {
    Map<NodeUri, NodeRecord> out = new LinkedHashMap<>();
    if (pending != null) {
      pending.forEach((k, v) -> out.put(k, v == REMOVED ? null : v));
    }
    return out;
  }

  void clear() {
    pending = null;
    touched = null;
    undo = null;
  }

  /** Starts a step (one command of a transaction): what it changes can be undone alone. */
  void beginStep() {
    if (undo == null) {
      undo = new HashMap<>();
    } else {
      undo.clear();
    }
  }

  /** Undoes every change since {@link #beginStep()}. */
  void undoStep() {
    if (undo == null) {
      return;
    }
    undo.forEach(
        (uri, before) -> {
          if (before == NOTHING) {
            pending.remove(uri);
          } else {
            pending.put(uri, before);
          }
        });
    undo.clear();
  }

  /**
   * Undo-log entries recorded so far, over every step: at most one per node a step touched. What a
   * transaction spends on being able to undo a failed command.
   */
  long undoEntries() {
    return undoEntries;
  }
}
