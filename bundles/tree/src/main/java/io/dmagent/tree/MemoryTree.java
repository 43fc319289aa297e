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

  private static final Node[] NONE = new Node[0];

  /** Marks a node whose children have not been read from the source yet. */
  private static final Node[] UNLOADED = new Node[0];

  private static final class Node {
    final String name;
    NodeRecord record;
    // Sorted by name; slots from count on are null. UNLOADED until read from the source.
    volatile Node[] children;
    int count;

    Node(String name, NodeRecord record, Node[] children) {
      this.name = name;
      this.record = record;
      this.children = children;
    }
  }

  private final Source source;
  private final TextPool names = new TextPool();
  private Node root;

  /** An empty tree that has everything in memory. */
  MemoryTree() {
    this.source = null;
  }

  /** A stored tree whose root is {@code rootRecord} (null: none yet), children read on demand. */
  MemoryTree(NodeRecord rootRecord, Source source) {
    this.source = source;
    this.root = rootRecord == null ? null : new Node("", rootRecord, UNLOADED);
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
    Node n = root;
    String acl = null;
    for (int d = 0; n != null; d++) {
      if (!n.record.acl().isEmpty()) {
        acl = n.record.acl();
      }
      if (d == path.size()) {
        break;
      }
      n = child(n, path, d);
    }
    return acl;
  }

  /** The children of the node at {@code path}, or null if there is no such node. */
  Children children(List<String> path) {
    Node n = find(path, path.size());
    if (n == null) {
      return null;
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
        root = new Node("", record, source == null ? NONE : UNLOADED);
        return null;
      }
      NodeRecord old = root.record;
      root.record = record;
      return old;
    }
    Node parent = parentInMemory(path);
    if (parent == null) {
      return null;
    }
    Node[] kids = parent.children;
    String name = path.get(path.size() - 1);
    int at = search(kids, parent.count, name);
    if (at >= 0) {
      NodeRecord old = kids[at].record;
      kids[at].record = record;
      return old;
    }
    // New since the source last saw it: its children, if it gets any, are all changes to come.
    insert(parent, kids, -at - 1, new Node(names.pooled(name), record, NONE));
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
    Node parent = parentInMemory(path);
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
    return old;
  }

  /** The record of the node at {@code path} if it is in memory; never reads the source. */
  NodeRecord peek(List<String> path) {
    if (path.isEmpty()) {
      return root == null ? null : root.record;
    }
    Node parent = parentInMemory(path);
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
  private Node parentInMemory(List<String> path) {
    int depth = path.size() - 1;
    Node n = root;
    for (int d = 0; n != null; d++) {
      Node[] kids = n.children;
      if (kids == UNLOADED) {
        return null;
      }
      if (d == depth) {
        return n;
      }
      int at = search(kids, n.count, path.get(d));
      n = at < 0 ? null : kids[at];
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

  private int size(Node n, List<String> path) {
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

  /** The child of {@code n} (the node at depth {@code d} of {@code path}) named path[d]. */
  private Node child(Node n, List<String> path, int d) {
    if (!n.record.isInterior()) {
      return null;
    }
    Node[] kids = loaded(n, path, d);
    int at = search(kids, n.count, path.get(d));
    return at < 0 ? null : kids[at];
  }

  private Node[] loaded(Node n, List<String> path, int depth) {
    Node[] kids = n.children;
    return kids != UNLOADED ? kids : load(n, path.subList(0, depth));
  }

  private Node[] load(Node n, List<String> path) {
    synchronized (n) {
      Node[] kids = n.children;
      if (kids != UNLOADED) {
        return kids;
      }
      List<Node> read = new ArrayList<>();
      source.children(
          path,
          (name, r) -> read.add(new Node(names.pooled(name), r, r.isInterior() ? UNLOADED : NONE)));
      kids = read.toArray(NONE);
      n.count = kids.length;
      n.children = kids;
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

  private static void insert(Node parent, Node[] kids, int at, Node child) {
    int count = parent.count;
    if (count == kids.length) {
      kids = Arrays.copyOf(kids, Math.max(4, count + (count >> 1)));
    }
    System.arraycopy(kids, at, kids, at + 1, count - at);
    kids[at] = child;
    parent.count = count + 1;
    parent.children = kids;
  }
}
