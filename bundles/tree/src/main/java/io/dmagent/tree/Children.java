package io.dmagent.tree;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** The children of one interior node as a unit of work sees them: names and records, in order. */
final class Children {
  static final Children NONE = new Children(new String[0], new NodeRecord[0]);

  private final String[] names;
  private final NodeRecord[] records;

  Children(String[] names, NodeRecord[] records) {
    this.names = names;
    this.records = records;
  }

  int size() {
    return names.length;
  }

  String name(int i) {
    return names[i];
  }

  NodeRecord record(int i) {
    return records[i];
  }

  /** The names, in order (a read-only view, no copy). */
  List<String> names() {
    return Collections.unmodifiableList(Arrays.asList(names));
  }

  /** The record of the child named {@code name}, or null. */
  NodeRecord record(String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return records[i];
      }
    }
    return null;
  }
}
