package io.dmagent.tree;

import io.dmagent.api.description.MgmtTreeDescription;
import io.dmagent.api.description.NodeDescription;
import io.dmagent.api.tree.NodeUri;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The management objects grafted into the tree, and the roots of those that went away: their stored
 * subtrees stay in the store but are hidden until the MO returns.
 */
final class MoRegistry {
  private final Map<NodeUri, MoGraft> grafts = new ConcurrentSkipListMap<>();
  private final Set<NodeUri> hiddenRoots = new CopyOnWriteArraySet<>();

  void graft(MoGraft graft) {
    grafts.put(graft.root(), graft);
    hiddenRoots.remove(graft.root());
  }

  /** Removes the graft and hides its subtree. */
  void ungraft(NodeUri root) {
    if (grafts.remove(root) != null) {
      hiddenRoots.add(root);
    }
  }

  /** Roots known from the store whose MO is not running (at start-up: every stored root). */
  void hide(NodeUri root) {
    if (!grafts.containsKey(root)) {
      hiddenRoots.add(root);
    }
  }

  boolean isGrafted(NodeUri root) {
    return grafts.containsKey(root);
  }

  /** Whether the node lies in the subtree of an MO that is not running. */
  boolean isHidden(NodeUri uri) {
    if (hiddenRoots.isEmpty()) {
      return false;
    }
    for (NodeUri root : hiddenRoots) {
      if (NodeUris.isAncestorOrSelf(root, uri)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a child of {@code parent} may be hidden: a hidden root lies below it, or it is hidden.
   */
  boolean mayHideChildOf(NodeUri parent) {
    if (hiddenRoots.isEmpty()) {
      return false;
    }
    for (NodeUri root : hiddenRoots) {
      if (NodeUris.isAncestorOrSelf(parent, root) || NodeUris.isAncestorOrSelf(root, parent)) {
        return true;
      }
    }
    return false;
  }

  /** The graft whose subtree holds {@code uri}: the deepest root at or above it. */
  Optional<MoGraft> owner(NodeUri uri) {
    if (grafts.isEmpty()) {
      return Optional.empty();
    }
    // A handful of grafts: comparing with each is cheaper than looking up every ancestor's URI.
    MoGraft deepest = null;
    for (MoGraft g : grafts.values()) {
      if (NodeUris.isAncestorOrSelf(g.root(), uri)
          && (deepest == null || g.root().depth() > deepest.root().depth())) {
        deepest = g;
      }
    }
    return Optional.ofNullable(deepest);
  }

  Optional<NodeDescription> describe(NodeUri uri) {
    return owner(uri).flatMap(g -> g.describe(uri));
  }

  /** Grafted roots at or below {@code uri}. */
  List<NodeUri> rootsWithin(NodeUri uri) {
    List<NodeUri> out = new ArrayList<>();
    for (NodeUri root : grafts.keySet()) {
      if (NodeUris.isAncestorOrSelf(uri, root)) {
        out.add(root);
      }
    }
    return out;
  }

  List<MoGraft> grafts() {
    return List.copyOf(grafts.values());
  }

  /** The device's full DDF: every graft's description, placed by its Path. */
  MgmtTreeDescription description(String man, String mod) {
    List<NodeDescription> nodes = new ArrayList<>();
    for (MoGraft g : grafts.values()) {
      NodeDescription d = g.description();
      nodes.add(
          new NodeDescription(
              d.name(),
              Optional.of(g.root().isRoot() ? "." : g.root().parent().toString()),
              d.accessTypes(),
              d.defaultValue(),
              d.description(),
              d.format(),
              d.occurrence(),
              d.scope(),
              d.title(),
              d.types(),
              d.caseSensitive(),
              d.children()));
    }
    return new MgmtTreeDescription(
        "1.2", Optional.ofNullable(man), Optional.ofNullable(mod), nodes);
  }
}
