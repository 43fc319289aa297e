package io.dmagent.tree;

import io.dmagent.api.tree.NodeUri;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The durable store under the tree: one MVStore file, one map from node key to encoded {@link
 * NodeRecord}. Keys put a node's children next to each other ({@code parentKey NUL name}), so
 * listing children is one range scan. A {@link #commit} writes a new chunk atomically and forces it
 * to disk: after a crash the file holds exactly the last committed state. A file that cannot be
 * opened is moved aside and reported, never silently overwritten.
 */
final class TreeStore implements AutoCloseable {
  private static final char SEP = '\u0000';

  private final MVStore store;
  private final MVMap<String, byte[]> nodes;

  private TreeStore(MVStore store) {
    this.store = store;
    this.nodes = store.openMap("nodes");
  }

  /**
   * Opens (or creates) the store; a corrupt file is kept aside under a new name and reported to
   * {@code warn}.
   */
  static TreeStore open(Path file, Consumer<String> warn) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try {
      return new TreeStore(builder(file).open());
    } catch (RuntimeException e) {
      Path aside =
          file.resolveSibling(file.getFileName() + ".corrupt-" + Instant.now().toEpochMilli());
      if (Files.exists(file)) {
        Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
      }
      warn.accept(
          "tree store "
              + file
              + " cannot be opened ("
              + e.getMessage()
              + "); kept aside as "
              + aside
              + ", starting from an empty tree");
      return new TreeStore(builder(file).open());
    }
  }

  /** An in-memory store, for tests and benchmarks that measure the tree rather than the disk. */
  static TreeStore inMemory() {
    return new TreeStore(new MVStore.Builder().open());
  }

  private static MVStore.Builder builder(Path file) {
    // autoCommitDisabled: nothing reaches the file but what commit() writes, so no half transaction
    // ever does.
    return new MVStore.Builder().fileName(file.toString()).autoCommitDisabled();
  }

  static String key(NodeUri uri) {
    if (uri.isRoot()) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    for (String s : uri.segments()) {
      b.append(SEP).append(s);
    }
    return b.toString();
  }

  Optional<NodeRecord> get(NodeUri uri) {
    byte[] bytes = nodes.get(key(uri));
    return bytes == null ? Optional.empty() : Optional.of(NodeRecord.decode(bytes));
  }

  /** Names of the stored children of a node, in key order. */
  List<String> children(NodeUri uri) {
    String prefix = key(uri) + SEP;
    List<String> names = new ArrayList<>();
    Iterator<String> it = nodes.keyIterator(prefix);
    while (it.hasNext()) {
      String k = it.next();
      if (!k.startsWith(prefix)) {
        break;
      }
      String rest = k.substring(prefix.length());
      if (rest.indexOf(SEP) < 0) {
        names.add(rest);
      }
    }
    return names;
  }

  /** Applies a batch of changes (null record = remove) and makes them durable together. */
  void commit(Map<NodeUri, NodeRecord> changes) {
    for (Map.Entry<NodeUri, NodeRecord> c : changes.entrySet()) {
      if (c.getValue() == null) {
        nodes.remove(key(c.getKey()));
      } else {
        nodes.put(key(c.getKey()), c.getValue().encode());
      }
    }
    store.commit();
    store.sync();
  }

  int size() {
    return nodes.size();
  }

  @Override
  public void close() {
    store.close();
  }
}
