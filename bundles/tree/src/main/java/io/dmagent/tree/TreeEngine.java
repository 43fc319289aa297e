package io.dmagent.tree;

import io.dmagent.api.mo.ManagementObject;
import io.dmagent.api.tree.Acl;
import io.dmagent.api.tree.AclRight;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.api.tree.TreeChange;
import io.dmagent.api.tree.UriLimits;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * The tree's shared state and the rules every operation obeys: URI limits, ACL evaluation with
 * inheritance, and the single writer at a time. Operations run in {@link Operations}, each against
 * its own {@link WorkingTree}.
 */
final class TreeEngine {
  /**
   * The root's ACL when nothing else is set: any authenticated server may read and extend the tree.
   */
  static final String DEFAULT_ROOT_ACL = "Add=*&Get=*";

  final TreeStore store;
  final UriLimits limits;
  final AclMode aclMode;
  final Clock clock;

  /** Largest leaf value a write may store; larger ones answer 413 (0 = unlimited). */
  final int maxValueBytes;

  final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);
  final MoRegistry mos = new MoRegistry();

  /** Whiteboard write guards (e.g. priorities between authorities), asked before server writes. */
  final List<io.dmagent.api.tree.WriteGuard> guards =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  final AclCache acls = new AclCache();
  private final WorkingTree.Hiding hiding =
      new WorkingTree.Hiding() {
        @Override
        public boolean hides(NodeUri uri) {
          return mos.isHidden(uri);
        }

        @Override
        public boolean mayHideChildOf(NodeUri parent) {
          return mos.mayHideChildOf(parent);
        }
      };
  final DdfRules rules = new DdfRules(mos);
  final Inbox inbox = new Inbox(mos);
  private final Consumer<List<TreeChange>> committed;
  private final WorkingTree reading;

  TreeEngine(
      TreeStore store,
      UriLimits limits,
      AclMode aclMode,
      Clock clock,
      int maxValueBytes,
      Consumer<List<TreeChange>> committed) {
    this.store = store;
    this.maxValueBytes = maxValueBytes;
    this.limits = limits;
    this.aclMode = aclMode;
    this.clock = clock;
    this.committed = committed;
    this.reading = WorkingTree.readOnly(store, hiding);
    ensureRoot();
    // Until their bundles register again, the subtrees of management objects stay hidden.
    store.moRoots().forEach(mos::hide);
  }

  /** A unit of work on the store as it is now, MOs that are away hidden. */
  WorkingTree work() {
    return new WorkingTree(store, hiding);
  }

  /** The committed tree, MOs that are away hidden, for operations that only read. */
  WorkingTree reading() {
    return reading;
  }

  /** What a management object's code may do wrong becomes a status, never an escaping exception. */
  interface MoCall<T> {
    T call(ManagementObject mo) throws DmException;
  }

  <T> T callMo(MoGraft graft, MoCall<T> call) throws DmException {
    try {
      return call.call(graft.mo());
    } catch (DmException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new DmException(
          StatusCode.COMMAND_FAILED,
          "management object at " + graft.root() + " failed: " + e.getClass().getName(),
          e);
    }
  }

  void checkValueSize(NodeUri uri, NodeValue value) throws DmException {
    if (value != null && maxValueBytes > 0 && value.size() > maxValueBytes) {
      throw new DmException(
          StatusCode.REQUEST_ENTITY_TOO_LARGE,
          "value of " + uri + " is larger than the " + maxValueBytes + " bytes a leaf may hold");
    }
  }

  private void ensureRoot() {
    if (store.get(NodeUri.ROOT).isEmpty()) {
      store.commit(Map.of(NodeUri.ROOT, NodeRecord.interior("", DEFAULT_ROOT_ACL, clock.millis())));
    }
  }

  /** Makes a unit of work durable and tells the listeners, in commit order. */
  void commit(WorkingTree work, List<TreeChange> changes) {
    commit(work, changes, List.of());
  }

  /** Like {@link #commit(WorkingTree, List)}, also remembering newly grafted MO roots. */
  void commit(WorkingTree work, List<TreeChange> changes, List<NodeUri> newMoRoots) {
    store(work, newMoRoots);
    publish(changes);
  }

  /** Makes the working tree's changes durable without telling anyone yet. */
  void store(WorkingTree work, List<NodeUri> newMoRoots) {
    if (work.hasChanges() || !newMoRoots.isEmpty()) {
      store.commit(work.changes(), newMoRoots);
      work.clear();
    }
  }

  /** Tells the change listeners of committed changes. */
  void publish(List<TreeChange> changes) {
    if (!changes.isEmpty()) {
      committed.accept(List.copyOf(changes));
    }
  }

  void checkLimits(NodeUri uri) throws DmException {
    if (uri.isRoot()) {
      return;
    }
    if (limits.maxDepth() > 0 && uri.depth() > limits.maxDepth()) {
      throw new DmException(
          StatusCode.URI_TOO_LONG, "URI deeper than MaxDepth " + limits.maxDepth());
    }
    if (limits.maxTotLen() > 0 && uri.toString().length() > limits.maxTotLen()) {
      throw new DmException(
          StatusCode.URI_TOO_LONG, "URI longer than MaxTotLen " + limits.maxTotLen());
    }
    // A URI no longer than MaxSegLen has no longer segment: typical URIs skip the loop.
    if (limits.maxSegLen() > 0 && uri.toString().length() > limits.maxSegLen()) {
      List<String> segments = uri.segments();
      for (int i = 0; i < segments.size(); i++) {
        if (segments.get(i).length() > limits.maxSegLen()) {
          throw new DmException(
              StatusCode.URI_TOO_LONG, "node name longer than MaxSegLen " + limits.maxSegLen());
        }
      }
    }
  }

  /** The ACL that governs a node: its own, or that of the nearest ancestor that has one. */
  Acl effectiveAcl(WorkingTree work, NodeUri uri) {
    String text = work.nearestAcl(uri);
    return acls.get(text == null ? DEFAULT_ROOT_ACL : text);
  }

  /**
   * The ACL that governs a node whose record is {@code r} and whose parent is governed by {@code
   * inherited}.
   */
  Acl effectiveAcl(NodeRecord r, Acl inherited) {
    return r.acl().isEmpty() ? inherited : acls.get(r.acl());
  }

  boolean allowed(WorkingTree work, Principal p, NodeUri uri, AclRight right) {
    return p.isDevice() || effectiveAcl(work, uri).allows(right, p.serverId());
  }

  void require(WorkingTree work, Principal p, NodeUri uri, AclRight right) throws DmException {
    require(p, uri, p.isDevice() ? null : work.nearestAcl(uri), right);
  }

  /** Like {@link #require(WorkingTree, Principal, NodeUri, AclRight)}, the ACL text known. */
  void require(Principal p, NodeUri uri, String nearestAcl, AclRight right) throws DmException {
    if (!p.isDevice()
        && !acls.get(nearestAcl == null ? DEFAULT_ROOT_ACL : nearestAcl)
            .allows(right, p.serverId())) {
      throw new DmException(
          StatusCode.PERMISSION_DENIED, p + " has no " + right.wireName() + " right on " + uri);
    }
  }
}
