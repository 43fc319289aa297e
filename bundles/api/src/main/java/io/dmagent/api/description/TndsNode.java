package io.dmagent.api.description;

import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeProperty;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One Node of a TNDS document: name (possibly empty), optional Path relative to the command's
 * target, the run-time properties it carries (Format as {@code format}, the others as text in
 * {@code properties}; Type is a MIME type for a leaf and a DDFName for an interior node), and
 * either children or a Value. A binary Value is held Base64-free as bytes; text values as their
 * UTF-8 bytes.
 */
public record TndsNode(
    String name,
    Optional<String> path,
    Optional<NodeFormat> format,
    Map<NodeProperty, String> properties,
    Optional<byte[]> value,
    List<TndsNode> children) {

  public TndsNode {
    Objects.requireNonNull(name);
    Objects.requireNonNull(path);
    Objects.requireNonNull(format);
    properties = Map.copyOf(properties);
    if (properties.containsKey(NodeProperty.FORMAT)) {
      throw new IllegalArgumentException("Format travels in the format component");
    }
    value = value.map(byte[]::clone);
    children = List.copyOf(children);
    if (value.isPresent() && !children.isEmpty()) {
      throw new IllegalArgumentException("TNDS node '" + name + "' has both a Value and children");
    }
  }

  public Optional<String> property(NodeProperty p) {
    return Optional.ofNullable(properties.get(p));
  }

  /** An interior node: Format node, or no Format but children. */
  public boolean isInterior() {
    return format.map(f -> f == NodeFormat.NODE).orElse(value.isEmpty() && !children.isEmpty());
  }
}
