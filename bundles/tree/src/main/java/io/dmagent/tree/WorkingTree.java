package io.dmagent.tree;

import io.dmagent.api.tree.NodeUri;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The tree as one unit of work sees it: the store with this unit's pending changes laid over it.
 * Nothing reaches the store before {@link TreeStore#commit} takes {@link #changes()}; dropping the
 * object is the roll-back.
 */
final class WorkingTree {
  /** Marks a node removed in this unit of work. */
  private static final NodeRecord REMOVED =
      new NodeRecord(io.dmagent.api.tree.NodeFormat.NULL, "", null, "", "", -1, -1);

  private final TreeStore store;
  private final Predicate<NodeUri> hidden;
  private final Map<NodeUri, NodeRecord> pending = new LinkedHashMap<>();

  /** {@code hidden} tells which stored nodes belong to a management object that is away. */
  WorkingTree(TreeStore store, Predicate<NodeUri> hidden) {
    this.store = store;
    this.hidden = hidden;
  }

  Optional<NodeRecord> get(NodeUri uri) {
    if (hidden.test(uri)) {
      return Optional.empty();
    }
    NodeRecord p = pending.get(uri);
    if (p != null) {
      return p == REMOVED ? Optional.empty() : Optional.of(p);
    }
    return store.get(uri);
  }

  boolean exists(NodeUri uri) {
    return get(uri).isPresent();
  }

  List<String> children(NodeUri uri) {
    Set<String> names = new LinkedHashSet<>(store.children(uri));
    names.removeIf(name -> hidden.test(NodeUris.child(uri, name)));
    for (Map.Entry<NodeUri, NodeRecord> e : pending.entrySet()) {
      NodeUri k = e.getKey();
      if (!k.isRoot() && k.parent().equals(uri)) {
        if (e.getValue() == REMOVED) {
          names.remove(k.name());
        } else {
          names.add(k.name());
        }
      }
    }
    return new ArrayList<>(names);
  }

  void put(NodeUri uri, NodeRecord record) {
    pending.put(uri, record);
  }

  /** Removes a node and everything below it. */
  void removeSubtree(NodeUri uri) {
    for (String child : children(uri)) {
      removeSubtree(NodeUris.child(uri, child));
    }
    pending.put(uri, REMOVED);
  }

  /** Nodes put (not removed) in this unit of work so far. */
  Map<NodeUri, NodeRecord> pendingPuts() {
    Map<NodeUri, NodeRecord> out = new LinkedHashMap<>();
    pending.forEach(
        (k, v) -> {
          if (v != REMOVED) {
            out.put(k, v);
          }
        });
    return out;
  }

  /** Whether this unit of work removed the node. */
  boolean isRemoved(NodeUri uri) {
    return pending.get(uri) == REMOVED;
  }

  boolean hasChanges() {
    return !pending.isEmpty();
  }

  /** The changes to commit: a null record means removed. */
  Map<NodeUri, NodeRecord> changes() {
    Map<NodeUri, NodeRecord> out = new LinkedHashMap<>();
    pending.forEach((k, v) -> out.put(k, v == REMOVED ? null : v));
    return out;
  }

  void clear() {
    pending.clear();
  }

  /** The pending changes as they are now, to go back to if one operation of a transaction fails. */
  Map<NodeUri, NodeRecord> savepoint() {
    return new LinkedHashMap<>(pending);
  }

  void restore(Map<NodeUri, NodeRecord> savepoint) {
    pending.clear();
    pending.putAll(savepoint);
  }
}
