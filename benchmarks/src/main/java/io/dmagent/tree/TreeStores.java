package io.dmagent.tree;

import java.io.IOException;
import java.nio.file.Path;

/** The two stores the benchmarks compare: MVStore in memory, and MVStore on a file on disk. */
final class TreeStores {
  private TreeStores() {}

  /** A store as named by a benchmark parameter: {@code memory} or {@code file}. */
  static TreeStore open(String kind, Path file) throws IOException {
    return switch (kind) {
      case "memory" -> TreeStore.inMemory();
      case "file" -> TreeStore.open(file, System.err::println);
      default -> throw new IllegalArgumentException("store is memory or file, not " + kind);
    };
  }
}
