package io.dmagent.codec.description;

import io.dmagent.api.description.TndsNode;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a TNDS {@code Node} into a {@link TndsNode}. RTProperties are optional (real documents,
 * such as Wi-Fi PerProviderSubscription trees, omit them); DFProperties are read past. A node may
 * not have both a Value and child Nodes, an interior node (Format node) has no Value, and a leaf
 * with a Format other than node has no children.
 */
final class TndsReader implements MgmtTreeReader.NodeReader<TndsNode> {

  @Override
  public TndsNode read(ElementCursor c) throws DmException {
    String name = null;
    String path = null;
    RtProperties rt = null;
    Content value = null;
    List<TndsNode> children = new ArrayList<>();
    for (DdfTag t = c.nextChild(); t != null; t = c.nextChild()) {
      switch (t) {
        case NODE_NAME -> {
          c.once(name, t);
          name = c.trimmedText();
        }
        case PATH -> {
          c.once(path, t);
          path = c.trimmedText();
        }
        case RT_PROPERTIES -> {
          c.once(rt, t);
          rt = RtProperties.read(c);
        }
        case VALUE -> {
          c.once(value, t);
          value = c.content();
        }
          // Recursion depth is bounded: every nested Node is one more element level for the guard.
        case NODE -> children.add(read(c));
        case DF_PROPERTIES -> c.skip();
        default -> throw c.unexpected(t);
      }
    }
    String named = name == null ? "" : name;
    RtProperties props = rt == null ? RtProperties.none() : rt;
    check(c, named, props.format(), value != null, !children.isEmpty());
    Optional<byte[]> bytes =
        value == null ? Optional.empty() : Optional.of(ValueForms.read(props.format(), value));
    return new TndsNode(
        named,
        Optional.ofNullable(path),
        ValueForms.stored(props.format()),
        props.properties(),
        bytes,
        children);
  }

  private static void check(
      ElementCursor c, String name, Optional<NodeFormat> format, boolean value, boolean children)
      throws DmException {
    boolean interior = format.filter(f -> f == NodeFormat.NODE).isPresent();
    boolean leaf = format.isPresent() && !interior;
    if (value && (children || interior)) {
      throw Refusals.malformed("interior Node '" + name + "' has a Value in " + c.where());
    }
    if (children && leaf) {
      throw Refusals.malformed("leaf Node '" + name + "' has child Nodes in " + c.where());
    }
  }
}
