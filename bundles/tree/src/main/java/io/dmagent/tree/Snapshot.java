package io.dmagent.tree;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * The store file: an MVStore holding the tree as of its last checkpoint. The map {@code tree} goes
 * from node key to encoded {@link NodeRecord}. A node's path key is {@code NUL name} per segment
 * (the root's is empty); its key in the map is its depth as one char followed by the path key, so
 * that the children of a node, and nothing else, lie next to each other in name order: loading them
 * is one range scan, however large their subtrees. A {@link #write} is one MVStore commit, atomic
 * and forced to disk; it also records which change-log frame it includes, so that opening replays
 * only what came after.
 *
 * <p>Files from before (the map {@code nodes}, keyed by path key alone, where a node's subtree lies
 * between it and its next sibling) are migrated when opened, in one commit: a crash during it
 * leaves the old layout, and the next opening migrates again.
 *
 * <p>Space: every commit is forced, so superseded chunks may be overwritten at once (retention time
 * 0), and chunks left sparse are compacted after a write; the file stays within a small multiple of
 * the live data (see docs/PERFORMANCE.md) instead of growing by a chunk per commit.
 */
final class Snapshot implements AutoCloseable {
  static final char SEP = '\u0000';

  /** Compact after a write once the chunks hold less live data than this (percent). */
  private static final int COMPACT_BELOW_FILL = 50;

  private static final String OLD_NODES = "nodes";
  private static final String STORE_ID = "store-id";
  private static final String APPLIED = "applied";

  private final MVStore store;
  private final MVMap<String, byte[]> nodes;
  // MO identifier NUL node key -> "": every interior node with a Type.
  private final MVMap<String, String> moIndex;
  // Root URI -> "" for every management object ever grafted.
  private final MVMap<String, String> moRoots;
  // store-id: random, also in the change log's header; applied: last log frame included.
  private final MVMap<String, Long> log;

  private Snapshot(MVStore store) {
    this.store = store;
    this.nodes = store.openMap("tree");
    this.moIndex = store.openMap("mo-index");
    this.moRoots = store.openMap("mo-roots");
    this.log = store.openMap("log");
    // Safe because every commit is forced before the next one may reuse what it freed.
    store.setRetentionTime(0);
    if (store.hasMap(OLD_NODES)) {
      migrate();
    }
    if (log.get(STORE_ID) == null) {
      // A new file, or one from before the change log: it is complete as it stands.
      log.put(STORE_ID, new SecureRandom().nextLong() & Long.MAX_VALUE);
      log.put(APPLIED, 0L);
      store.commit();
      store.sync();
    }
  }

  /**
   * Opens or creates the file; a file MVStore cannot read throws a RuntimeException, one that
   * another process has open an IOException (it is in use, not corrupt).
   */
  static Snapshot open(Path file) throws IOException {
    try {
      // autoCommitDisabled: nothing reaches the file but what write() commits, so no half change
      // set ever does. A small cache: reads are served from the tree in memory, the file is read
      // only to load nodes once and to write checkpoints.
      return new Snapshot(
          new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().cacheSize(4).open());
    } catch (MVStoreException e) {
      if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
        throw new IOException("tree store " + file + " is in use by another process", e);
      }
      throw e;
    }
  }

  /** Moves the nodes of a file from before depth-first keys into {@code tree}, in one commit. */
  private void migrate() {
    MVMap<String, byte[]> old = store.openMap(OLD_NODES);
    Cursor<String, byte[]> c = old.cursor(null);
    while (c.hasNext()) {
      String pathKey = c.next();
      nodes.put(storeKey(pathKey), c.getValue());
    }
    store.removeMap(old);
    store.commit();
    store.sync();
  }

  /** The map key of the node whose path key is {@code pathKey}: its depth, then the path key. */
  static String storeKey(String pathKey) {
    int depth = 0;
    for (int i = 0; i < pathKey.length(); i++) {
      if (pathKey.charAt(i) == SEP) {
        depth++;
      }
    }
    return (char) depth + pathKey;
  }

  long storeId() {
    return log.get(STORE_ID);
  }

  /** The last change-log frame this snapshot includes. */
  long applied() {
    return log.get(APPLIED);
  }

  /** The record of the node whose path key is {@code pathKey}, encoded; null if none. */
  byte[] get(String pathKey) {
    return nodes.get(storeKey(pathKey));
  }

  /** The stored children (name, encoded record) of the node at {@code pathKey}, in name order. */
  void children(String pathKey, BiConsumer<String, byte[]> sink) {
    String prefix = (char) (storeKey(pathKey).charAt(0) + 1) + pathKey + SEP;
    int from = prefix.length();
    Cursor<String, byte[]> c = nodes.cursor(prefix);
    while (c.hasNext()) {
      String k = c.next();
      if (!k.startsWith(prefix)) {
        break;
      }
      sink.accept(k.substring(from), c.getValue());
    }
  }

  /** Keys of the interior nodes whose Type is {@code moId}, in key order. */
  List<String> located(String moId) {
    String prefix = moId + SEP;
    List<String> out = new ArrayList<>();
    Iterator<String> it = moIndex.keyIterator(prefix);
    while (it.hasNext()) {
      String k = it.next();
      if (!k.startsWith(prefix)) {
        break;
      }
      out.add(k.substring(prefix.length()));
    }
    return out;
  }

  List<String> moRoots() {
    return new ArrayList<>(moRoots.keySet());
  }

  int size() {
    return nodes.size();
  }

  /**
   * Applies changes (path key to encoded record, null = removed) and new MO roots, records {@code
   * applied}, and commits and forces it all as one. On failure the file keeps its last state.
   */
  void write(Map<String, byte[]> changes, Collection<String> newMoRoots, long applied) {
    try {
      for (Map.Entry<String, byte[]> c : changes.entrySet()) {
        String key = c.getKey();
        String storeKey = storeKey(key);
        byte[] old =
            c.getValue() == null ? nodes.remove(storeKey) : nodes.put(storeKey, c.getValue());
        unindex(key, old);
        index(key, c.getValue());
      }
      for (String root : newMoRoots) {
        moRoots.put(root, "");
      }
      log.put(APPLIED, applied);
      store.commit();
      store.sync();
    } catch (RuntimeException e) {
      store.rollback();
      throw e;
    }
    if (store.getFileStore().getChunksFillRate() < COMPACT_BELOW_FILL) {
      store.compact(COMPACT_BELOW_FILL, 16 << 20);
      store.sync();
    }
  }

  private void unindex(String key, byte[] old) {
    if (old != null && NodeRecord.isInterior(old)) {
      NodeRecord r = NodeRecord.decode(old);
      if (!r.type().isEmpty()) {
        moIndex.remove(r.type() + SEP + key);
      }
    }
  }

  private void index(String key, byte[] now) {
    if (now != null && NodeRecord.isInterior(now)) {
      NodeRecord r = NodeRecord.decode(now);
      if (!r.type().isEmpty()) {
        moIndex.put(r.type() + SEP + key, "");
      }
    }
  }

  /**
   * Compacts the file for up to {@code compactMillis} (moving chunks down, shrinking it), closes.
   */
  void close(int compactMillis) {
    if (compactMillis > 0 && !store.isClosed()) {
      store.compactFile(compactMillis);
    }
    store.close();
  }

  @Override
  public void close() {
    close(0);
  }

  /** Closes without writing anything, as a crash would leave the file. */
  void abandon() {
    store.closeImmediately();
  }
}
