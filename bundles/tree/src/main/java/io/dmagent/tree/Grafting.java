package io.dmagent.tree;

import io.dmagent.api.description.DescriptionCodec;
import io.dmagent.api.description.Encoding;
import io.dmagent.api.description.MgmtTreeDescription;
import io.dmagent.api.description.NodeDescription;
import io.dmagent.api.description.Scope;
import io.dmagent.api.mo.ManagementObject;
import io.dmagent.api.tree.Acl;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.api.tree.TreeChange;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Grafts management objects into the tree as their bundles come (MO whiteboard) and hides their
 * subtrees when they go. Grafting creates the MO's root, any missing ancestors, and the permanent
 * nodes its DDF names, durably, so that they carry ACLs and properties like any node.
 */
final class Grafting {
  private final TreeEngine engine;
  private final DescriptionCodec codec;
  private final Consumer<String> info;
  private final Consumer<String> error;

  Grafting(
      TreeEngine engine, DescriptionCodec codec, Consumer<String> info, Consumer<String> error) {
    this.engine = engine;
    this.codec = codec;
    this.info = info;
    this.error = error;
  }

  /** Grafts the MO; a DDF that does not parse or does not fit is reported and not grafted. */
  boolean graft(ManagementObject mo) {
    NodeUri root = mo.root();
    try {
      NodeDescription description = rootDescription(root, codec.readDdf(mo.ddf(), Encoding.XML));
      engine.lock.writeLock().lock();
      try {
        if (engine.mos.isGrafted(root)) {
          throw new DmException(StatusCode.ALREADY_EXISTS, "another bundle provides " + root);
        }
        List<TreeChange> changes = materialize(mo, description);
        engine.mos.graft(new MoGraft(mo, root, description));
        // Only now, as other commits do under the lock: a listener that reacts to the new nodes
        // must find the MO grafted and its subtree visible.
        engine.publish(changes);
      } finally {
        engine.lock.writeLock().unlock();
      }
      info.accept(
          "management object "
              + description.moId().orElse("(no MO identifier)")
              + " grafted at "
              + root);
      return true;
    } catch (DmException | RuntimeException e) {
      error.accept("management object at " + root + " not grafted: " + e.getMessage());
      return false;
    }
  }

  void ungraft(ManagementObject mo) {
    engine.lock.writeLock().lock();
    try {
      if (engine.mos.owner(mo.root()).filter(g -> g.mo() == mo).isPresent()) {
        engine.mos.ungraft(mo.root());
        info.accept("management object at " + mo.root() + " withdrawn; its stored nodes are kept");
      }
    } finally {
      engine.lock.writeLock().unlock();
    }
  }

  /** The DDF's top-level node that describes {@code root}: same name, Path its parent if given. */
  static NodeDescription rootDescription(NodeUri root, MgmtTreeDescription ddf) throws DmException {
    if (root.isRoot()) {
      throw new DmException(StatusCode.COMMAND_NOT_ALLOWED, "the tree's root is not an MO root");
    }
    for (NodeDescription n : ddf.nodes()) {
      if (n.name().equals(root.name())
          && n.path().map(p -> samePath(p, root.parent())).orElse(true)) {
        return n;
      }
    }
    throw new DmException(
        StatusCode.BAD_REQUEST, "the DDF has no top-level node for " + root + " (NodeName, Path)");
  }

  private static boolean samePath(String path, NodeUri parent) {
    try {
      return NodeUri.parse(path.endsWith("/") ? path.substring(0, path.length() - 1) : path)
          .equals(parent);
    } catch (DmException e) {
      return false;
    }
  }

  /** Creates the MO's missing nodes durably and returns the changes, not yet published. */
  private List<TreeChange> materialize(ManagementObject mo, NodeDescription description)
      throws DmException {
    NodeUri root = mo.root();
    String rootAcl = Acl.parse(mo.rootAcl()).toString();
    // The MO's own subtree is visible to its grafting, even while it is still marked hidden.
    WorkingTree w =
        new WorkingTree(
            engine.store,
            new WorkingTree.Hiding() {
              @Override
              public boolean hides(NodeUri uri) {
                return !root.isAncestorOrSelfOf(uri) && engine.mos.isHidden(uri);
              }

              @Override
              public boolean mayHideChildOf(NodeUri parent) {
                return engine.mos.mayHideChildOf(parent);
              }
            });
    List<TreeChange> changes = new ArrayList<>();
    List<NodeUri> ancestors = new ArrayList<>();
    for (NodeUri at = root.parent(); !at.isRoot(); at = at.parent()) {
      ancestors.add(0, at);
    }
    for (NodeUri at : ancestors) {
      Optional<NodeRecord> r = w.get(at);
      if (r.isPresent() && !r.get().isInterior()) {
        throw new DmException(StatusCode.COMMAND_NOT_ALLOWED, at + " is a leaf");
      }
      if (r.isEmpty()) {
        put(w, changes, at, NodeRecord.interior("", "", engine.clock.millis()));
      }
    }
    boolean rootIsNew = w.get(root).isEmpty();
    node(w, changes, root, description);
    if (rootIsNew && !rootAcl.isEmpty()) {
      NodeRecord r = w.get(root).orElseThrow();
      w.put(
          root,
          new NodeRecord(
              r.format(), r.type(), r.value(), rootAcl, r.title(), r.tstamp(), r.verNo()));
    }
    boolean newRoot = !engine.store.moRoots().contains(root);
    engine.store(w, newRoot ? List.of(root) : List.of());
    return changes;
  }

  /** Creates a described node if missing, then its permanent named children. */
  private void node(WorkingTree w, List<TreeChange> changes, NodeUri uri, NodeDescription d)
      throws DmException {
    Optional<NodeRecord> r = w.get(uri);
    long now = engine.clock.millis();
    if (r.isEmpty()) {
      put(w, changes, uri, created(d, now));
    } else if (r.get().isInterior() != d.isInterior()) {
      throw new DmException(
          StatusCode.COMMAND_NOT_ALLOWED,
          uri + " is stored as " + (r.get().isInterior() ? "interior" : "leaf") + " node");
    } else if (d.isInterior() && d.moId().isPresent() && r.get().type().isEmpty()) {
      w.put(
          uri,
          new NodeRecord(
              r.get().format(),
              d.moId().get(),
              null,
              r.get().acl(),
              r.get().title(),
              r.get().tstamp(),
              r.get().verNo()));
    }
    for (NodeDescription c : d.children()) {
      if (!c.isPlaceholder() && c.scope() == Scope.PERMANENT) {
        node(w, changes, uri.child(c.name()), c);
      }
    }
  }

  private static NodeRecord created(NodeDescription d, long now) {
    if (d.isInterior()) {
      return NodeRecord.interior(d.moId().orElse(""), "", now);
    }
    byte[] value = d.defaultValue().orElse("").getBytes(StandardCharsets.UTF_8);
    String type = d.types().isEmpty() ? "" : d.types().get(0);
    return NodeRecord.leaf(d.format(), type, value, "", now);
  }

  private void put(WorkingTree w, List<TreeChange> changes, NodeUri uri, NodeRecord r) {
    w.put(uri, r);
    changes.add(new TreeChange(TreeChange.Kind.ADDED, uri, Optional.empty(), Principal.device()));
  }
}
