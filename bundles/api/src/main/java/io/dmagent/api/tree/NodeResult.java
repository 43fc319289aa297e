package io.dmagent.api.tree;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a Get returns for one node: a leaf's value, or an interior node's child names and its Type
 * (the MO identifier of an MO root, if any). Also the element of {@code ?list=Struct|StructData}
 * answers, where leaf values are present only for StructData.
 */
public final class NodeResult {
  private final NodeUri uri;
  private final NodeValue value;
  private final List<String> children;
  private final String interiorType;
  private final NodeFormat leafFormat;
  private final String leafType;

  private NodeResult(
      NodeUri uri,
      NodeValue value,
      List<String> children,
      String interiorType,
      NodeFormat leafFormat,
      String leafType) {
    this.uri = Objects.requireNonNull(uri);
    this.value = value;
    this.children = children;
    this.interiorType = interiorType;
    this.leafFormat = leafFormat;
    this.leafType = leafType;
  }

  public static NodeResult leaf(NodeUri uri, NodeValue value) {
    return new NodeResult(uri, value, null, null, value.format(), value.type());
  }

  /** A leaf described without its value ({@code ?list=Struct}). */
  public static NodeResult leafWithoutValue(NodeUri uri, NodeFormat format, String type) {
    return new NodeResult(uri, null, null, null, format, type);
  }

  public static NodeResult interior(NodeUri uri, List<String> children, String moType) {
    return new NodeResult(uri, null, List.copyOf(children), moType, NodeFormat.NODE, null);
  }

  public NodeUri uri() {
    return uri;
  }

  public boolean isLeaf() {
    return leafFormat != NodeFormat.NODE;
  }

  public NodeFormat format() {
    return leafFormat;
  }

  /** The leaf's MIME type or the interior node's MO identifier, if it has one. */
  public Optional<String> type() {
    return Optional.ofNullable(isLeaf() ? leafType : interiorType);
  }

  /** The leaf's value; empty for interior nodes and for Struct listings. */
  public Optional<NodeValue> value() {
    return Optional.ofNullable(value);
  }

  /** Child names of an interior node, in the tree's order; empty for leaves. */
  public List<String> children() {
    return children == null ? List.of() : children;
  }

  @Override
  public String toString() {
    return uri + (isLeaf() ? " " + leafFormat : " node" + children());
  }
}
