package io.dmagent.tree;

import io.dmagent.api.tree.NodeUri;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
  private final Map<NodeUri, NodeRecord> pending = new LinkedHashMap<>();

  WorkingTree(TreeStore store) {
    this.store = store;
  }

  Optional<NodeRecord> get(NodeUri uri) {
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
