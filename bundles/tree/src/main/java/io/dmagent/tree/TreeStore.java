package io.dmagent.tree;

import io.dmagent.api.tree.NodeUri;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The tree's storage: the nodes in memory ({@link MemoryTree}), and for a tree kept in a file, the
 * store file ({@link Snapshot}, an MVStore) with the change log ({@link ChangeLog}) beside it.
 *
 * <p>A {@link #commit} appends the change set to the log as one frame and forces it, then applies
 * it in memory: that is when it is durable and visible. The store file catches up at a checkpoint,
 * when the log is full and when the store is closed: the changes made since the last one are
 * written into it in one MVStore commit, and the log starts over. Opening reads the store file and
 * replays the frames the log holds beyond it. So an acknowledged change survives a crash, a change
 * set is applied whole or not at all, and the store file sees one commit per checkpoint instead of
 * one per change.
 *
 * <p>A store file that cannot be opened is moved aside and reported, never silently overwritten;
 * its change log goes aside with it.
 */
final class TreeStore implements AutoCloseable {
  /** Change log size: about 10,000 single Replaces between two checkpoints. */
  static final int DEFAULT_LOG_BYTES = 1 << 20;

  /** Time closing may spend compacting the store file. */
  private static final int COMPACT_ON_CLOSE_MILLIS = 1000;

  private final MemoryTree memory;
  private final Snapshot snapshot; // null: a tree without a file
  private final ChangeLog log; // null likewise
  // Changes since the last checkpoint, by key (null = removed): what the next one writes.
  private final Map<String, byte[]> dirty = new LinkedHashMap<>();
  // The same by parent key, then name: what loading a node's children lays over the file's.
  private final Map<String, Map<String, byte[]>> dirtyByParent = new HashMap<>();
  private final List<String> dirtyMoRoots = new ArrayList<>();
  private final MoIndex typed = new MoIndex();
  private final Set<NodeUri> moRoots = new LinkedHashSet<>();
  private long lastSeq;
  private boolean closed;

  private TreeStore(Snapshot snapshot, ChangeLog log) {
    this.snapshot = snapshot;
    this.log = log;
    if (snapshot == null) {
      this.memory = new MemoryTree();
    } else {
      byte[] root = snapshot.get("");
      this.memory =
          new MemoryTree(root == null ? null : NodeRecord.decode(root), this::storedChildren);
      snapshot.moRoots().forEach(r -> moRoots.add(NodeUri.of(r)));
      this.lastSeq = snapshot.applied();
    }
  }

  /**
   * Opens (or creates) the store with a change log of the default size; a corrupt file is kept
   * aside under a new name and reported to {@code warn}.
   */
  static TreeStore open(Path file, Consumer<String> warn) throws IOException {
    return open(file, warn, DEFAULT_LOG_BYTES);
  }

  /**
   * Like {@link #open(Path, Consumer)}; a change log created now holds {@code logBytes} (an
   * existing one keeps its size).
   */
  static TreeStore open(Path file, Consumer<String> warn, int logBytes) throws IOException {
    Path folder = file.toAbsolutePath().getParent();
    if (!Files.isDirectory(folder)) {
      Files.createDirectories(folder);
      OwnerOnly.restrict(folder); // a folder of our own: nobody else may even list it
    }
    TreeStore store;
    try {
      store = openFiles(file, logBytes, warn);
    } catch (RuntimeException e) {
      Path aside = keepAside(file);
      keepAside(logFile(file));
      warn.accept(
          "tree store "
              + file
              + " cannot be opened ("
              + e.getMessage()
              + "); kept aside as "
              + aside
              + ", starting from an empty tree");
      store = openFiles(file, logBytes, warn);
    }
    // DM account secrets live in these files: owner-read-only, whatever the umask was.
    OwnerOnly.restrict(file);
    OwnerOnly.restrict(logFile(file));
    return store;
  }

  /**
   * A store in memory only, for tests and benchmarks that measure the tree rather than the disk.
   */
  static TreeStore inMemory() {
    return new TreeStore(null, null);
  }

  /** The change log of the store file {@code file}. */
  static Path logFile(Path file) {
    return file.resolveSibling(file.getFileName() + ".wal");
  }

  private static TreeStore openFiles(Path file, int logBytes, Consumer<String> warn)
      throws IOException {
    Snapshot snapshot = Snapshot.open(file);
    ChangeLog log = null;
    try {
      log = openLog(file, snapshot.storeId(), logBytes, warn);
      TreeStore store = new TreeStore(snapshot, log);
      store.replay(logFile(file), warn);
      return store;
    } catch (IOException | RuntimeException e) {
      // Both files, so that neither stays open when they are kept aside.
      if (log != null) {
        try {
          log.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      snapshot.close();
      throw e;
    }
  }

  private static ChangeLog openLog(Path file, long storeId, int logBytes, Consumer<String> warn)
      throws IOException {
    Path logFile = logFile(file);
    if (!Files.exists(logFile)) {
      return ChangeLog.create(logFile, storeId, logBytes);
    }
    String problem;
    try {
      ChangeLog log = ChangeLog.open(logFile);
      if (log.storeId() == storeId) {
        return log;
      }
      log.close();
      problem = "belongs to another store file";
    } catch (IllegalStateException e) {
      problem = e.getMessage();
    }
    Path aside = keepAside(logFile);
    warn.accept(
        "tree change log "
            + logFile
            + " "
            + problem
            + "; kept aside as "
            + aside
            + ", not replayed");
    return ChangeLog.create(logFile, storeId, logBytes);
  }

  private static Path keepAside(Path file) throws IOException {
    Path aside =
        file.resolveSibling(file.getFileName() + ".corrupt-" + Instant.now().toEpochMilli());
    if (Files.exists(file)) {
      Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
    }
    return aside;
  }

  /**
   * Takes in the frames of the log that came after the store file's last checkpoint. Nothing is in
   * memory yet but the root, so this only remembers them, for loading nodes and for the next
   * checkpoint: opening costs what the log holds, not what its changes touch.
   */
  private void replay(Path logFile, Consumer<String> warn) throws IOException {
    lastSeq =
        log.replay(
            snapshot.applied(),
            (seq, body) -> {
              ChangeSet set = ChangeSet.decode(body);
              remember(set);
              set.nodes()
                  .forEach(
                      (key, bytes) -> {
                        if (key.isEmpty()) {
                          memory.put(List.of(), bytes == null ? null : NodeRecord.decode(bytes));
                        } else if (bytes != null && NodeRecord.isInterior(bytes)) {
                          typed.changed(key, null, NodeRecord.decode(bytes));
                        }
                      });
              set.newMoRoots().forEach(r -> moRoots.add(NodeUri.of(r)));
            });
    if (log.damaged()) {
      // Not a torn last frame: a frame was damaged after it was written, and the whole frames
      // after it cannot be replayed. A copy for whoever investigates, then the tree as far as it
      // could be read.
      Path copy =
          logFile.resolveSibling(
              logFile.getFileName() + ".corrupt-" + Instant.now().toEpochMilli());
      Files.copy(logFile, copy);
      OwnerOnly.restrict(copy); // it holds what the log holds: account secrets too
      warn.accept(
          "tree change log "
              + logFile
              + " is damaged after frame "
              + lastSeq
              + ": the changes after it could not be replayed; a copy kept as "
              + copy);
    }
    log.clearTail();
  }

  static String key(NodeUri uri) {
    return key(uri.segments());
  }

  static String key(List<String> path) {
    if (path.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    for (String s : path) {
      b.append(Snapshot.SEP).append(s);
    }
    return b.toString();
  }

  static NodeUri uriOf(String key) {
    return key.isEmpty() ? NodeUri.ROOT : NodeUri.of("." + key.replace(Snapshot.SEP, '/'));
  }

  /** A node's children for loading into memory: the file's, with the changes since laid over. */
  private void storedChildren(List<String> path, MemoryTree.ChildSink sink) {
    String key = key(path);
    Map<String, byte[]> changed = dirtyByParent.get(key);
    if (changed == null) {
      snapshot.children(key, (name, bytes) -> sink.child(name, NodeRecord.decode(bytes)));
      return;
    }
    TreeMap<String, byte[]> merged = new TreeMap<>();
    snapshot.children(key, merged::put);
    changed.forEach(
        (name, bytes) -> {
          if (bytes == null) {
            merged.remove(name);
          } else {
            merged.put(name, bytes);
          }
        });
    merged.forEach((name, bytes) -> sink.child(name, NodeRecord.decode(bytes)));
  }

  Optional<NodeRecord> get(NodeUri uri) {
    return Optional.ofNullable(record(uri));
  }

  /** The node's record, or null. */
  NodeRecord record(NodeUri uri) {
    return memory.get(uri.segments());
  }

  /** The node's children in name order, or null if there is no such node. */
  Children entries(NodeUri uri) {
    return memory.children(uri.segments());
  }

  /** Names of the stored children of a node, in name order. */
  List<String> children(NodeUri uri) {
    Children c = entries(uri);
    return c == null ? List.of() : c.names();
  }

  /** The node's record (or null) and the nearest ACL text at or above it (or null), in one walk. */
  MemoryTree.Found lookup(NodeUri uri) {
    return memory.lookup(uri.segments());
  }

  /** The ACL text of the nearest node at or above {@code uri} that has one, or null. */
  String nearestAcl(NodeUri uri) {
    return memory.nearestAcl(uri.segments());
  }

  /**
   * Interior nodes that may have {@code moId} as their Type, in key order; the caller checks each
   * against the tree.
   */
  List<NodeUri> located(String moId) {
    Set<String> keys = new TreeSet<>(typed.keys(moId));
    if (snapshot != null) {
      keys.addAll(snapshot.located(moId));
    }
    List<NodeUri> out = new ArrayList<>(keys.size());
    keys.forEach(k -> out.add(uriOf(k)));
    return out;
  }

  /** Roots of every management object ever grafted. */
  List<NodeUri> moRoots() {
    return new ArrayList<>(moRoots);
  }

  /** Applies a batch of changes (null record = remove) and makes them durable together. */
  void commit(Map<NodeUri, NodeRecord> changes) {
    commit(changes, List.of());
  }

  /** Like {@link #commit(Map)}, also remembering newly grafted MO roots in the same commit. */
  void commit(Map<NodeUri, NodeRecord> changes, List<NodeUri> newMoRoots) {
    if (closed) {
      throw new IllegalStateException("the tree store is closed");
    }
    if (changes.isEmpty() && newMoRoots.isEmpty()) {
      return;
    }
    if (snapshot != null) {
      Map<String, byte[]> nodes = new LinkedHashMap<>();
      changes.forEach((uri, r) -> nodes.put(key(uri), r == null ? null : r.encode()));
      List<String> roots = new ArrayList<>();
      newMoRoots.forEach(r -> roots.add(r.toString()));
      persist(new ChangeSet(nodes, roots));
    }
    apply(changes, newMoRoots);
  }

  /** Makes a change set durable: a log frame, or (too big for the log) a checkpoint of its own. */
  private void persist(ChangeSet set) {
    ByteSink body = new ByteSink(256);
    set.encode(body);
    long seq = lastSeq + 1;
    try {
      if (!log.fits(body.size())) {
        checkpoint();
      }
      if (log.fits(body.size())) {
        log.append(seq, body.array(), body.size());
        remember(set);
      } else {
        Map<String, byte[]> all = new LinkedHashMap<>(dirty);
        all.putAll(set.nodes());
        List<String> roots = new ArrayList<>(dirtyMoRoots);
        roots.addAll(set.newMoRoots());
        snapshot.write(all, roots, seq);
        forgetDirty();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("tree change log: " + e.getMessage(), e);
    }
    lastSeq = seq;
  }

  private void remember(ChangeSet set) {
    set.nodes()
        .forEach(
            (key, bytes) -> {
              dirty.put(key, bytes);
              if (!key.isEmpty()) {
                int sep = key.lastIndexOf(Snapshot.SEP);
                dirtyByParent
                    .computeIfAbsent(key.substring(0, sep), p -> new HashMap<>())
                    .put(key.substring(sep + 1), bytes);
              }
            });
    dirtyMoRoots.addAll(set.newMoRoots());
  }

  private void forgetDirty() {
    dirty.clear();
    dirtyByParent.clear();
    dirtyMoRoots.clear();
    typed.clear();
    try {
      log.restart();
    } catch (IOException e) {
      throw new UncheckedIOException("tree change log: " + e.getMessage(), e);
    }
  }

  /**
   * Writes the changes since the last checkpoint into the store file (one MVStore commit, forced)
   * and starts the change log over. A no-op for a tree without a file.
   */
  void checkpoint() {
    if (snapshot == null || (dirty.isEmpty() && dirtyMoRoots.isEmpty() && log.isEmpty())) {
      return;
    }
    snapshot.write(dirty, dirtyMoRoots, lastSeq);
    forgetDirty();
  }

  /**
   * Applies a change set to the nodes in memory: removals first (a node whose parent goes too goes
   * with it), then puts from the top down, so that every parent exists before its children. Nodes
   * not in memory are left to {@link #storedChildren}.
   */
  private void apply(Map<NodeUri, NodeRecord> changes, List<NodeUri> newMoRoots) {
    List<NodeUri> puts = new ArrayList<>();
    for (Map.Entry<NodeUri, NodeRecord> c : changes.entrySet()) {
      NodeUri uri = c.getKey();
      if (c.getValue() != null) {
        puts.add(uri);
        continue;
      }
      NodeRecord old = memory.peek(uri.segments());
      if (old == null) {
        continue;
      }
      if (MoIndex.typed(old)) {
        typed.changed(key(uri), old, null);
      }
      boolean parentGoes =
          !uri.isRoot() && changes.containsKey(uri.parent()) && changes.get(uri.parent()) == null;
      if (!parentGoes) {
        memory.remove(uri.segments());
      }
    }
    puts.sort(Comparator.comparingInt(NodeUri::depth));
    for (NodeUri uri : puts) {
      NodeRecord now = changes.get(uri);
      NodeRecord old = memory.put(uri.segments(), now);
      if (MoIndex.typed(old) || MoIndex.typed(now)) {
        typed.changed(key(uri), old, now);
      }
    }
    moRoots.addAll(newMoRoots);
  }

  /** Number of nodes (reads every node: for tools and benchmarks, not the request path). */
  int size() {
    if (snapshot == null) {
      return memory.size();
    }
    checkpoint();
    return snapshot.size();
  }

  /**
   * Closes the files as a crash would leave them: no checkpoint, the store file as of the last one
   * and the change log as written. For tests of what opening recovers.
   */
  void abandon() throws IOException {
    closed = true;
    if (snapshot != null) {
      snapshot.abandon();
      log.close();
    }
  }

  /** Checkpoints, compacts the store file and closes it. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (snapshot == null) {
      return;
    }
    try {
      checkpoint();
    } finally {
      snapshot.close(COMPACT_ON_CLOSE_MILLIS);
      try {
        log.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
