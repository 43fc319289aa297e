package io.dmagent.tree;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.TreeOperations;
import io.dmagent.api.tree.TreeTransaction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
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

  /**
   * A change log of two blocks: a checkpoint of the store file every 50 or so writes, so that kills
   * land in checkpoints too, not only in log appends.
   */
  static final int LOG_BYTES = 2 * ChangeLog.HEADER_BYTES;

  public static void main(String[] args) throws Exception {
    Trees trees = Trees.on(TreeStore.open(Path.of(args[0]), m -> {}, LOG_BYTES));
    int from = Integer.parseInt(args[1]);
    for (int i = from; ; i++) {
      apply(trees, i);
      System.out.println("ACK " + i);
      System.out.flush();
    }
  }

  /**
   * Write {@code i} of the stream, drawn from a generator seeded with {@code i} so that the parent
   * can replay it: an Atomic of 2 to 6 puts and deletes (one in seven), a Delete (one in seven), or
   * a put (Replace, or Add when missing) of a random key.
   */
  private record Write(boolean atomic, List<String> keys, List<Boolean> deletes, int value) {
    static Write number(int i) {
      Random r = new Random(i);
      int kind = r.nextInt(7);
      int n = kind == 0 ? 2 + r.nextInt(ATOMIC_SIZE) : 1;
      List<String> keys = new ArrayList<>();
      List<Boolean> deletes = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        keys.add("./crash/k" + r.nextInt(KEYS));
        deletes.add(kind == 1 || (kind == 0 && r.nextInt(4) == 0));
      }
      return new Write(kind == 0, keys, deletes, i);
    }
  }

  static void apply(Trees trees, int i) throws DmException {
    Write w = Write.number(i);
    if (w.atomic()) {
      try (TreeTransaction tx = trees.tree.begin(Principal.device())) {
        for (int k = 0; k < w.keys().size(); k++) {
          change(tx, w.keys().get(k), w.deletes().get(k), i);
        }
        tx.commit();
      }
    } else {
      change(trees.device(), w.keys().get(0), w.deletes().get(0), i);
    }
  }

  private static void change(TreeOperations ops, String key, boolean delete, int i)
      throws DmException {
    if (!delete) {
      put(ops, key, Integer.toString(i));
      return;
    }
    try {
      ops.delete(NodeUri.of(key));
    } catch (DmException notThere) {
      // deleting a key that is not there is part of the stream too
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
      Write w = Write.number(i);
      for (int k = 0; k < w.keys().size(); k++) {
        if (w.deletes().get(k)) {
          state.remove(w.keys().get(k));
        } else {
          state.put(w.keys().get(k), Integer.toString(i));
        }
      }
    }
    return state;
  }
}
