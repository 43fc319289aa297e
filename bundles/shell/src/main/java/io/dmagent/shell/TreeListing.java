package io.dmagent.shell;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeResult;
import io.dmagent.api.tree.NodeUri;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code dm:tree}'s listing, drawn like {@code tree --charset=ascii} (a serial console may not show
 * anything else): the start node on the first line, then one line per node below it. A leaf reads
 * {@code Name = value} (secrets as {@value Secrets#MASK}), an interior node {@code Name/} followed
 * by its MO identifier in brackets when it has a Type, and {@code ...} when its children lie beyond
 * the depth asked for. A node that could not be read shows why in parentheses (status and message).
 */
final class TreeListing {
  private final Map<NodeUri, NodeResult> nodes = new HashMap<>();
  private final Map<NodeUri, String> failures;
  private final Predicate<NodeUri> secret;

  /**
   * @param nodes the start node and the nodes below it that were read, in any order
   * @param failures why each node that could not be read was not, as {@code <status>: <message>}
   * @param secret which leaves are shown masked
   */
  TreeListing(List<NodeResult> nodes, Map<NodeUri, String> failures, Predicate<NodeUri> secret) {
    nodes.forEach(n -> this.nodes.put(n.uri(), n));
    this.failures = Map.copyOf(failures);
    this.secret = secret;
  }

  /** The listing from {@code start}, without a trailing newline. */
  String render(NodeUri start) {
    NodeResult top = nodes.get(start);
    if (top == null) {
      throw new IllegalArgumentException(start + " was not read");
    }
    StringBuilder out = new StringBuilder();
    if (top.isLeaf()) {
      out.append(start).append(" = ").append(leafValue(top));
    } else {
      out.append(start.isRoot() ? "." : start + "/").append(interiorSuffix(top));
      if (childrenRead(top)) {
        children(top, "", out);
      }
    }
    return out.toString();
  }

  private void children(NodeResult parent, String indent, StringBuilder out) {
    List<String> names = parent.children();
    for (int i = 0; i < names.size(); i++) {
      boolean last = i == names.size() - 1;
      String name = names.get(i);
      Optional<NodeUri> uri = child(parent.uri(), name);
      out.append('\n').append(indent).append(last ? "`-- " : "|-- ").append(name);
      NodeResult node = uri.map(nodes::get).orElse(null);
      if (node == null) {
        String failure = uri.map(failures::get).orElse("error: malformed node name");
        out.append(failure == null ? " ?" : "  (" + failure + ")");
      } else if (node.isLeaf()) {
        out.append(" = ").append(leafValue(node));
      } else {
        out.append('/').append(interiorSuffix(node));
        if (childrenRead(node)) {
          children(node, indent + (last ? "    " : "|   "), out);
        }
      }
    }
  }

  private String leafValue(NodeResult leaf) {
    if (secret.test(leaf.uri())) {
      return Secrets.MASK;
    }
    return leaf.value().map(ValueText::oneLine).orElse("");
  }

  /** The MO identifier in brackets, and {@code ...} when the children were not read. */
  private String interiorSuffix(NodeResult interior) {
    String type = interior.type().filter(t -> !t.isEmpty()).map(t -> " [" + t + "]").orElse("");
    return type + (interior.children().isEmpty() || childrenRead(interior) ? "" : " ...");
  }

  /** Whether the listing went below {@code interior} (it stops at the depth asked for). */
  private boolean childrenRead(NodeResult interior) {
    return interior.children().stream()
        .map(name -> child(interior.uri(), name))
        .flatMap(Optional::stream)
        .anyMatch(c -> nodes.containsKey(c) || failures.containsKey(c));
  }

  private static Optional<NodeUri> child(NodeUri parent, String name) {
    try {
      return Optional.of(parent.child(name));
    } catch (DmException e) {
      return Optional.empty();
    }
  }
}
