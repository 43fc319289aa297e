package io.dmagent.tree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The tree's nodes in memory, records decoded: what every read is served from. A node keeps its
 * children sorted by name, the order of the store's keys, so finding a child is a binary search and
 * a Get walks its path without touching the store.
 *
 * <p>A tree opened from a file starts with the root alone; the children of a node are read from the
 * {@link Source} the first time a read needs them, so that opening costs nothing per node and the
 * first Get of a leaf reads only its path. Changes ({@link #put}, {@link #remove}) apply to the
 * nodes whose parent's children are in memory and leave the others to the source, which must answer
 * for them: the store does, with its file plus the changes made since its last checkpoint. So
 * neither a commit nor replaying the change log at start-up reads anything from the file.
 *
 * <p>Changes happen under the tree's write lock. Reads run under its read lock, several at once,
 * and may load children: one loader per node, published through a volatile field.
 */
final class MemoryTree {
  /** Where the children of nodes not yet in memory come from. */
  interface Source {
    /** The children of the node at {@code path} as they are now, in name order. */
    void children(List<String> path, ChildSink sink);
  }

  interface ChildSink {
    void child(String name, NodeRecord record);
  }

  /** A record and the nearest ACL at or above its node, found in one walk down the path. */
  record Found(NodeRecord record, String acl) {}

  private static final Node[] NONE = new Node[0];

  /** Marks a node whose children have not been read from the source yet. */
  private static final Node[] UNLOADED = new Node[0];

  /** From this many children on, a node finds a child by a hash of its name. */
  private static final int INDEXED = 16;

  /** A leaf (nine nodes in ten in a typical tree): its name and record, nothing else. */
  private static class Node {
    final String name;
    NodeRecord record;

    Node(String name, NodeRecord record) {
      this.name = name;
      this.record = record;
    }
  }

  private static final class Interior extends Node {
    // Sorted by name; slots from count on are null. UNLOADED until read from the source.
    volatile Node[] children;
    int count;
    // With INDEXED children or more: open addressing by name hash, position + 1 (0 = free).
    // Finding one child among 1,000 by binary search reads ten names, each a cache miss or two.
    int[] index;

    Interior(String name, NodeRecord record, Node[] children) {
      super(name, record);
      this.children = children;
    }
  }

  /** A node for {@code record}; an interior one's children are {@code children}. */
  private static Node node(String name, NodeRecord record, Node[] children) {
    return record.isInterior() ? new Interior(name, record, children) : new Node(name, record);
  }

  private final Source source;
  private final TextPool names = new TextPool();
  private Interior root;

  /** An empty tree that has everything in memory. */
  MemoryTree() {
    this.source = null;
  }

  /** A stored tree whose root is {@code rootRecord} (null: none yet), children read on demand. */
  MemoryTree(NodeRecord rootRecord, Source source) {
    this.source = source;
    this.root = rootRecord == null ? null : new Interior("", rootRecord, UNLOADED);
  }

  NodeRecord get(List<String> path) {
    Node n = find(path, path.size());
    return n == null ? null : n.record;
  }

  /**
   * The ACL text of the nearest node at or above {@code path} that has one, along the part of the
   * path that exists; null if none has.
   */
  String nearestAcl(List<String> path) {
    return lookup(path).acl();
  }

  /**
   * The record at {@code path} (null if there is no such node) and the ACL text of the nearest node
   * at or above it that has one (null if none has), in one walk: a server's Get needs both.
   */
  Found lookup(List<String> path) {
    Node n = root;
    String acl = null;
    for (int d = 0; n != null; d++) {
      String own = n.record.acl();
      if (!own.isEmpty()) {
        acl = own;
      }
      if (d == path.size()) {
        return new Found(n.record, acl);
      }
      n = child(n, path, d);
    }
    return new Found(null, acl);
  }

  /** The children of the node at {@code path}, or null if there is no such node. */
  Children children(List<String> path) {
    Node found = find(path, path.size());
    if (found == null) {
      return null;
    }
    if (!(found instanceof Interior n)) {
      return Children.NONE;
    }
    Node[] kids = loaded(n, path, path.size());
    int count = n.count;
    if (count == 0) {
      return Children.NONE;
    }
    String[] childNames = new String[count];
    NodeRecord[] records = new NodeRecord[count];
    for (int i = 0; i < count; i++) {
      childNames[i] = kids[i].name;
      records[i] = kids[i].record;
    }
    return new Children(childNames, records);
  }

  /**
   * Sets the record of the node at {@code path}, adding the node if it is new, if its parent's
   * children are in memory (else the source answers for it). Returns the record replaced, null for
   * a new node or one not in memory.
   */
  NodeRecord put(List<String> path, NodeRecord record) {
    if (path.isEmpty()) {
      if (root == null) {
        root = new Interior("", record, source == null ? NONE : UNLOADED);
        return null;
      }
      NodeRecord old = root.record;
      root.record = record;
      return old;
    }
    Interior parent = parentInMemory(path);
    if (parent == null) {
      return null;
    }
    Node[] kids = parent.children;
    String name = path.get(path.size() - 1);
    int at = search(kids, parent.count, name);
    if (at >= 0) {
      Node old = kids[at];
      if (old instanceof Interior == record.isInterior()) {
        old.record = record;
      } else {
        // A leaf became interior or the other way round (removed and added again): a new node.
        // Its children, if it gets any, are all changes to come, like those of any new node.
        kids[at] = node(old.name, record, NONE);
      }
      return old.record;
    }
    // New since the source last saw it: its children, if it gets any, are all changes to come.
    insert(parent, kids, -at - 1, node(names.pooled(name), record, NONE));
    return null;
  }

  /**
   * Removes the node at {@code path} with everything below it, if its parent's children are in
   * memory (else the source answers for it); returns its record, or null.
   */
  NodeRecord remove(List<String> path) {
    if (path.isEmpty()) {
      NodeRecord old = root == null ? null : root.record;
      root = null;
      return old;
    }
    Interior parent = parentInMemory(path);
    if (parent == null) {
      return null;
    }
    Node[] kids = parent.children;
    int at = search(kids, parent.count, path.get(path.size() - 1));
    if (at < 0) {
      return null;
    }
    NodeRecord old = kids[at].record;
    int count = parent.count;
    System.arraycopy(kids, at + 1, kids, at, count - at - 1);
    kids[count - 1] = null;
    parent.count = count - 1;
    index(parent, kids);
    return old;
  }

  /** The record of the node at {@code path} if it is in memory; never reads the source. */
  NodeRecord peek(List<String> path) {
    if (path.isEmpty()) {
      return root == null ? null : root.record;
    }
    Interior parent = parentInMemory(path);
    if (parent == null) {
      return null;
    }
    int at = search(parent.children, parent.count, path.get(path.size() - 1));
    return at < 0 ? null : parent.children[at].record;
  }

  /**
   * The parent of the node at {@code path} (not the root), if the children of it and of every node
   * above it are in memory; else null. Never reads the source. Without a source every node is in
   * memory, so a missing parent is a caller's error.
   */
  private Interior parentInMemory(List<String> path) {
    int depth = path.size() - 1;
    Interior n = root;
    for (int d = 0; n != null; d++) {
      Node[] kids = n.children;
      if (kids == UNLOADED) {
        return null;
      }
      if (d == depth) {
        return n;
      }
      int at = search(kids, n.count, path.get(d));
      n = at >= 0 && kids[at] instanceof Interior i ? i : null;
    }
    if (source == null) {
      throw new IllegalStateException("no parent in the tree for " + path);
    }
    return null;
  }

  /** Every node, loading all of them: for counting, not for the request path. */
  int size() {
    return root == null ? 0 : size(root, new ArrayList<>());
  }

  private int size(Node node, List<String> path) {
    if (!(node instanceof Interior n)) {
      return 1;
    }
    Node[] kids = loaded(n, path, path.size());
    int total = 1;
    for (int i = 0; i < n.count; i++) {
      path.add(kids[i].name);
      total += size(kids[i], path);
      path.remove(path.size() - 1);
    }
    return total;
  }

  /** The node at the first {@code depth} segments of {@code path}, or null. */
  private Node find(List<String> path, int depth) {
    Node n = root;
    for (int d = 0; n != null && d < depth; d++) {
      n = child(n, path, d);
    }
    return n;
  }

  /** The child of {@code node} (the node at depth {@code d} of {@code path}) named path[d]. */
  private Node child(Node node, List<String> path, int d) {
    if (!(node instanceof Interior n)) {
      return null;
    }
    Node[] kids = loaded(n, path, d);
    String name = path.get(d);
    int[] index = n.index;
    if (index == null) {
      int at = search(kids, n.count, name);
      return at < 0 ? null : kids[at];
    }
    int mask = index.length - 1;
    for (int slot = spread(name.hashCode()) & mask; ; slot = (slot + 1) & mask) {
      int at = index[slot];
      if (at == 0) {
        return null;
      }
      Node c = kids[at - 1];
      if (c.name.equals(name)) {
        return c;
      }
    }
  }

  private static int spread(int hash) {
    return hash ^ (hash >>> 16);
  }

  /** Rebuilds the name index of {@code n}, whose children are now {@code kids}. */
  private static void index(Interior n, Node[] kids) {
    int count = n.count;
    if (count < INDEXED) {
      n.index = null;
      return;
    }
    int[] index = new int[Integer.highestOneBit(count * 2 - 1) << 1];
    int mask = index.length - 1;
    for (int i = 0; i < count; i++) {
      int slot = spread(kids[i].name.hashCode()) & mask;
      while (index[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      index[slot] = i + 1;
    }
    n.index = index;
  }

  private Node[] loaded(Interior n, List<String> path, int depth) {
    Node[] kids = n.children;
    return kids != UNLOADED ? kids : load(n, path.subList(0, depth));
  }

  private Node[] load(Interior n, List<String> path) {
    synchronized (n) {
      Node[] kids = n.children;
      if (kids != UNLOADED) {
        return kids;
      }
      List<Node> read = new ArrayList<>();
      source.children(path, (name, r) -> read.add(node(names.pooled(name), r, UNLOADED)));
      kids = read.toArray(NONE);
      n.count = kids.length;
      index(n, kids);
      n.children = kids; // last: publishes count and index with it
      return kids;
    }
  }

  private static int search(Node[] kids, int count, String name) {
    int lo = 0;
    int hi = count - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = kids[mid].name.compareTo(name);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -(lo + 1);
  }

  private static void insert(Interior parent, Node[] kids, int at, Node child) {
    int count = parent.count;
    if (count == kids.length) {
      kids = Arrays.copyOf(kids, Math.max(4, count + (count >> 1)));
    }
    System.arraycopy(kids, at, kids, at + 1, count - at);
    kids[at] = child;
    parent.count = count + 1;
    indexInserted(parent, kids, at);
    parent.children = kids;
  }

  /**
   * Updates the name index after a child was inserted at {@code at}: the positions after it move up
   * by one. A pass over an int array, so that building a node of many children one by one stays
   * about as cheap as moving its array; rebuilt when it fills up.
   */
  private static void indexInserted(Interior n, Node[] kids, int at) {
    int[] index = n.index;
    if (index == null || n.count * 2 > index.length) {
      index(n, kids);
      return;
    }
    if (at < n.count - 1) {
      for (int slot = 0; slot < index.length; slot++) {
        if (index[slot] > at) {
          index[slot]++;
        }
      }
    }
    int mask = index.length - 1;
    int slot = spread(kids[at].name.hashCode()) & mask;
    while (index[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    index[slot] = at + 1;
  }
}
