package io.dmagent.api.description;

import io.dmagent.api.tree.NodeFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One Node of a DDF: its name (empty for an unnamed placeholder {@code <x>}), optional Path, the DF
 * properties, and its child descriptions. {@code types} holds the DFType: MIME types of a leaf, or
 * the DDFName (MO identifier, possibly empty) of an interior node.
 */
public record NodeDescription(
    String name,
    Optional<String> path,
    Set<AccessType> accessTypes,
    Optional<String> defaultValue,
    Optional<String> description,
    NodeFormat format,
    Occurrence occurrence,
    Scope scope,
    Optional<String> title,
    List<String> types,
    boolean caseSensitive,
    List<NodeDescription> children) {

  public NodeDescription {
    Objects.requireNonNull(name);
    Objects.requireNonNull(path);
    accessTypes = Set.copyOf(accessTypes);
    Objects.requireNonNull(defaultValue);
    Objects.requireNonNull(description);
    Objects.requireNonNull(format);
    Objects.requireNonNull(occurrence);
    Objects.requireNonNull(scope);
    Objects.requireNonNull(title);
    types = List.copyOf(types);
    children = List.copyOf(children);
    if (format != NodeFormat.NODE && !children.isEmpty()) {
      throw new IllegalArgumentException("leaf description '" + name + "' has children");
    }
  }

  /** An unnamed node: its instances are named at run time. */
  public boolean isPlaceholder() {
    return name.isEmpty();
  }

  public boolean isInterior() {
    return format == NodeFormat.NODE;
  }

  /** The MO identifier of an interior node (DDFName), if it has a non-empty one. */
  public Optional<String> moId() {
    return isInterior() && !types.isEmpty() && !types.get(0).isEmpty()
        ? Optional.of(types.get(0))
        : Optional.empty();
  }
}
