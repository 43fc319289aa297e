package io.dmagent.stdobj;

import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Leaves whose values an MO computes on every Get, keyed by URI; built once when the MO activates.
 */
final class LiveLeaves {
  private final NodeUri root;
  private final Map<NodeUri, Supplier<NodeValue>> leaves = new LinkedHashMap<>();

  LiveLeaves(NodeUri root) {
    this.root = root;
  }

  /** A {@code chr} leaf at {@code path} (relative to the root, segments separated by '/'). */
  LiveLeaves text(String path, Supplier<String> value) {
    leaves.put(at(path), () -> NodeValue.text(value.get()));
    return this;
  }

  LiveLeaves bool(String path, Supplier<Boolean> value) {
    leaves.put(at(path), () -> NodeValue.of(String.valueOf(value.get()), NodeFormat.BOOL));
    return this;
  }

  Optional<NodeValue> read(NodeUri uri) {
    Supplier<NodeValue> value = leaves.get(uri);
    return value == null ? Optional.empty() : Optional.of(value.get());
  }

  /** Every live leaf URI, in the order they were declared. */
  List<NodeUri> uris() {
    return List.copyOf(leaves.keySet());
  }

  private NodeUri at(String path) {
    return NodeUri.of(root + "/" + path);
  }
}
