package io.dmagent.tree;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.TreeOperations;
import io.dmagent.api.tree.TreeTransaction;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The child process of the crash test: applies a deterministic stream of writes to a tree file and
 * prints {@code ACK n} after write n was acknowledged (returned), until it is killed. {@link
 * #expected} replays the same stream without a store, so the parent knows what the tree must hold
 * after any prefix.
 */
public final class CrashWorker {
  static final int KEYS = 40;
  static final int ATOMIC_SIZE = 5;

  public static void main(String[] args) throws Exception {
    Trees trees = Trees.on(TreeStore.open(Path.of(args[0]), m -> {}));
    int from = Integer.parseInt(args[1]);
    for (int i = from; ; i++) {
      apply(trees, i);
      System.out.println("ACK " + i);
      System.out.flush();
    }
  }

  static void apply(Trees trees, int i) throws DmException {
    if (i % 7 == 0) {
      try (TreeTransaction tx = trees.tree.begin(Principal.device())) {
        for (int k = 0; k < ATOMIC_SIZE; k++) {
          put(tx, "./crash/atomic/a" + k, Integer.toString(i));
        }
        tx.commit();
      }
    } else if (i % 11 == 0) {
      NodeUri victim = NodeUri.of("./crash/k" + (i / 11) % KEYS);
      TreeOperations ops = trees.device();
      try {
        ops.delete(victim);
      } catch (DmException notThere) {
        // deleting a key that was never written is part of the stream too
      }
    } else {
      put(trees.device(), "./crash/k" + i % KEYS, Integer.toString(i));
    }
  }

  private static void put(TreeOperations ops, String uri, String value) throws DmException {
    NodeUri u = NodeUri.of(uri);
    try {
      ops.replace(u, NodeValue.text(value));
    } catch (DmException missing) {
      ops.addLeaf(u, NodeValue.text(value));
    }
  }

  /** Leaf values the tree must hold after writes 1..n. */
  static Map<String, String> expected(int n) {
    Map<String, String> state = new TreeMap<>();
    for (int i = 1; i <= n; i++) {
      if (i % 7 == 0) {
        for (int k = 0; k < ATOMIC_SIZE; k++) {
          state.put("./crash/atomic/a" + k, Integer.toString(i));
        }
      } else if (i % 11 == 0) {
        state.remove("./crash/k" + (i / 11) % KEYS);
      } else {
        state.put("./crash/k" + i % KEYS, Integer.toString(i));
      }
    }
    return state;
  }
}
