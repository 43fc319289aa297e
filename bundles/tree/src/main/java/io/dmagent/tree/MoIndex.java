package io.dmagent.tree;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Interior nodes with a Type (an MO identifier) that the store file's index does not know yet:
 * those typed since the last checkpoint, or all of them for a tree without a file. Locating an MO
 * reads both and then checks each candidate against the tree, so this only needs to hold every node
 * that might be one.
 */
final class MoIndex {
  private final Map<String, Set<String>> keysByMoId = new HashMap<>();

  /** A node's record changed from {@code old} to {@code now} (either may be null). */
  void changed(String key, NodeRecord old, NodeRecord now) {
    if (typed(old)) {
      Set<String> keys = keysByMoId.get(old.type());
      if (keys != null) {
        keys.remove(key);
      }
    }
    if (typed(now)) {
      keysByMoId.computeIfAbsent(now.type(), t -> new TreeSet<>()).add(key);
    }
  }

  static boolean typed(NodeRecord r) {
    return r != null && r.isInterior() && !r.type().isEmpty();
  }

  Set<String> keys(String moId) {
    return keysByMoId.getOrDefault(moId, Set.of());
  }

  void clear() {
    keysByMoId.clear();
  }
}
