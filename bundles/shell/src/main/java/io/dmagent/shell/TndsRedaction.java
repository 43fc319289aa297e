package io.dmagent.shell;

import io.dmagent.api.description.TndsNode;
import io.dmagent.api.description.TndsTree;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeUri;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A TNDS export without secrets: the tree rebuilt with the Value (and the Size, which would tell
 * the secret's length) of every secret leaf dropped. A leaf whose URI cannot be worked out from the
 * document is treated as secret.
 */
final class TndsRedaction {
  private TndsRedaction() {}

  /**
   * @param tree what {@code exportTnds(target, ...)} returned
   * @param target the node exported; Paths in the document are relative to it
   */
  static TndsTree redact(TndsTree tree, NodeUri target, Predicate<NodeUri> secret) {
    List<TndsNode> nodes = new ArrayList<>();
    for (TndsNode n : tree.nodes()) {
      nodes.add(redact(n, topLevelUri(target, n), secret));
    }
    return new TndsTree(tree.verDtd(), tree.man(), tree.mod(), nodes);
  }

  private static TndsNode redact(TndsNode n, Optional<NodeUri> uri, Predicate<NodeUri> secret) {
    List<TndsNode> children = new ArrayList<>();
    for (TndsNode c : n.children()) {
      children.add(redact(c, uri.flatMap(u -> below(u, c)), secret));
    }
    boolean hide = n.value().isPresent() && uri.map(secret::test).orElse(true);
    if (!hide) {
      return new TndsNode(n.name(), n.path(), n.format(), n.properties(), n.value(), children);
    }
    Map<NodeProperty, String> properties = new EnumMap<>(NodeProperty.class);
    properties.putAll(n.properties());
    properties.remove(NodeProperty.SIZE);
    return new TndsNode(n.name(), n.path(), n.format(), properties, Optional.empty(), children);
  }

  /**
   * The node a top-level TNDS node stands for: the exported node itself when the name is its name
   * (whatever Path says about its parent), otherwise a node at Path (relative to the target, or
   * absolute when it starts with {@code .}) below the target.
   */
  static Optional<NodeUri> topLevelUri(NodeUri target, TndsNode n) {
    String name = n.name();
    if (target.isRoot() ? name.isEmpty() || name.equals(".") : name.equals(target.name())) {
      return Optional.of(target);
    }
    return below(target, n);
  }

  private static Optional<NodeUri> below(NodeUri parent, TndsNode n) {
    try {
      NodeUri base = parent;
      if (n.path().isPresent() && !n.path().get().isEmpty()) {
        String path = n.path().get();
        base =
            path.equals(".") || path.startsWith("./") ? NodeUri.parse(path) : parent.resolve(path);
      }
      return Optional.of(base.child(n.name()));
    } catch (DmException e) {
      return Optional.empty();
    }
  }
}
