package io.dmagent.tree;

import io.dmagent.api.tree.NodeFormat;
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
  // MO identifier NUL node key -> "": every interior node with a Type, so that locating the
  // instances of an MO is a range scan instead of a walk of the whole tree.
  private final MVMap<String, String> moIndex;
  // Root URI -> "" for every management object ever grafted, to hide its subtree while it is away.
  private final MVMap<String, String> moRoots;

  private TreeStore(MVStore store) {
    this.store = store;
    this.nodes = store.openMap("nodes");
    this.moIndex = store.openMap("mo-index");
    this.moRoots = store.openMap("mo-roots");
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

  static NodeUri uriOf(String key) {
    if (key.isEmpty()) {
      return NodeUri.ROOT;
    }
    NodeUri uri = NodeUri.ROOT;
    for (String name : key.substring(1).split(String.valueOf(SEP), -1)) {
      uri = NodeUris.child(uri, name);
    }
    return uri;
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

  /** The stored interior nodes whose Type is {@code moId}, in key order. */
  List<NodeUri> located(String moId) {
    String prefix = moId + SEP;
    List<NodeUri> out = new ArrayList<>();
    Iterator<String> it = moIndex.keyIterator(prefix);
    while (it.hasNext()) {
      String k = it.next();
      if (!k.startsWith(prefix)) {
        break;
      }
      out.add(uriOf(k.substring(prefix.length())));
    }
    return out;
  }

  /** Roots of every management object ever grafted. */
  List<NodeUri> moRoots() {
    List<NodeUri> out = new ArrayList<>();
    for (String k : moRoots.keySet()) {
      out.add(NodeUri.of(k));
    }
    return out;
  }

  /** Applies a batch of changes (null record = remove) and makes them durable together. */
  void commit(Map<NodeUri, NodeRecord> changes) {
    commit(changes, List.of());
  }

  /** Like {@link #commit(Map)}, also remembering newly grafted MO roots in the same commit. */
  void commit(Map<NodeUri, NodeRecord> changes, List<NodeUri> newMoRoots) {
    for (Map.Entry<NodeUri, NodeRecord> c : changes.entrySet()) {
      String key = key(c.getKey());
      byte[] old = c.getValue() == null ? nodes.remove(key) : nodes.put(key, c.getValue().encode());
      unindex(key, old);
      index(key, c.getValue());
    }
    for (NodeUri root : newMoRoots) {
      moRoots.put(root.toString(), "");
    }
    store.commit();
    store.sync();
  }

  private void unindex(String key, byte[] old) {
    if (old != null && old.length > 1 && old[1] == NodeFormat.NODE.ordinal()) {
      NodeRecord r = NodeRecord.decode(old);
      if (r.isInterior() && !r.type().isEmpty()) {
        moIndex.remove(r.type() + SEP + key);
      }
    }
  }

  private void index(String key, NodeRecord r) {
    if (r != null && r.isInterior() && !r.type().isEmpty()) {
      moIndex.put(r.type() + SEP + key, "");
    }
  }

  int size() {
    return nodes.size();
  }

  @Override
  public void close() {
    store.close();
  }
}
