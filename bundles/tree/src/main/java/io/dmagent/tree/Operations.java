package io.dmagent.tree;

import io.dmagent.api.description.AccessType;
import io.dmagent.api.description.NodeDescription;
import io.dmagent.api.description.TndsNode;
import io.dmagent.api.description.TndsTree;
import io.dmagent.api.log.WireText;
import io.dmagent.api.tree.Acl;
import io.dmagent.api.tree.AclRight;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.ExecRequest;
import io.dmagent.api.tree.ExecResult;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeResult;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.PropertyResult;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.api.tree.TndsSelection;
import io.dmagent.api.tree.TreeChange;
import io.dmagent.api.tree.TreeTransaction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The protocol's commands on the tree for one principal. Either each call is its own unit of work,
 * durable before it returns, or (as a {@link TreeTransaction}) all calls share one unit that {@link
 * #commit()} makes durable at once. A failed call changes nothing and leaves one log line.
 */
final class Operations implements TreeTransaction {
  private static final DateTimeFormatter TSTAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final int MAX_TITLE_BYTES = 255;

  private final TreeEngine engine;
  private final Principal principal;
  private final Consumer<String> log;
  private final WorkingTree txWork;
  private final List<TreeChange> txChanges = new ArrayList<>();
  private boolean open = true;

  /** Operations each committed on their own. */
  Operations(TreeEngine engine, Principal principal, Consumer<String> log) {
    this(engine, principal, log, null);
  }

  private Operations(
      TreeEngine engine, Principal principal, Consumer<String> log, WorkingTree txWork) {
    this.engine = engine;
    this.principal = principal;
    this.log = log;
    this.txWork = txWork;
  }

  /**
   * A transaction: holds the tree's write lock until commit or roll-back, so it sees and changes a
   * still tree.
   */
  static Operations transaction(TreeEngine engine, Principal principal, Consumer<String> log) {
    engine.lock.writeLock().lock();
    return new Operations(engine, principal, log, engine.work());
  }

  private interface Work<T> {
    T run(WorkingTree w, List<TreeChange> changes) throws DmException;
  }

  private <T> T read(String op, NodeUri uri, Work<T> work) throws DmException {
    if (txWork != null) {
      return inTransaction(op, uri, work);
    }
    engine.lock.readLock().lock();
    try {
      // A read records no changes: an immutable list says so.
      return work.run(engine.reading(), List.of());
    } catch (DmException e) {
      throw refused(op, uri, e);
    } finally {
      engine.lock.readLock().unlock();
    }
  }

  private <T> T write(String op, NodeUri uri, Work<T> work) throws DmException {
    if (txWork != null) {
      return inTransaction(op, uri, work);
    }
    engine.lock.writeLock().lock();
    try {
      WorkingTree w = engine.work();
      List<TreeChange> changes = new ArrayList<>();
      T result = work.run(w, changes);
      engine.commit(w, changes);
      return result;
    } catch (DmException e) {
      throw refused(op, uri, e);
    } catch (RuntimeException e) {
      throw refused(
          op, uri, new DmException(StatusCode.DATA_STORE_FAILURE, "store failure: " + e, e));
    } finally {
      engine.lock.writeLock().unlock();
    }
  }

  private <T> T inTransaction(String op, NodeUri uri, Work<T> work) throws DmException {
    if (!open) {
      throw new IllegalStateException("transaction already ended");
    }
    txWork.beginStep();
    int changeCount = txChanges.size();
    try {
      return work.run(txWork, txChanges);
    } catch (DmException e) {
      txWork.undoStep();
      txChanges.subList(changeCount, txChanges.size()).clear();
      throw refused(op, uri, e);
    }
  }

  private DmException refused(String op, NodeUri uri, DmException e) {
    log.accept(
        op
            + " "
            + WireText.escape(uri.toString(), 200)
            + " for "
            + principal
            + " refused: "
            + WireText.escape(e.getMessage(), 300));
    return e;
  }

  private void changed(
      List<TreeChange> changes, TreeChange.Kind kind, NodeUri uri, NodeProperty property) {
    changes.add(new TreeChange(kind, uri, Optional.ofNullable(property), principal));
  }

  private long now() {
    return engine.clock.millis();
  }

  @Override
  public Principal principal() {
    return principal;
  }

  // ---- reads

  @Override
  public NodeResult get(NodeUri uri) throws DmException {
    return read(
        "Get",
        uri,
        (w, c) -> {
          NodeRecord r = readable(w, uri);
          return result(w, uri, r, true);
        });
  }

  /** An existing node the principal may Get: ACL, DDF AccessType and the Inbox rule. */
  private NodeRecord readable(WorkingTree w, NodeUri uri) throws DmException {
    engine.checkLimits(uri);
    // The record and the ACL that governs it in one walk down the tree.
    MemoryTree.Found found = w.lookup(uri);
    NodeRecord r = found.record();
    if (r == null) {
      throw notFound(uri);
    }
    if (engine.inbox.governs(uri)) {
      throw Inbox.notReadable(uri);
    }
    engine.require(principal, uri, found.acl(), AclRight.GET);
    engine.rules.requireAccess(principal, uri, engine.mos.describe(uri), AccessType.GET);
    return r;
  }

  private NodeResult result(WorkingTree w, NodeUri uri, NodeRecord r, boolean withValue)
      throws DmException {
    return result(uri, r, r.isInterior() ? children(w, uri) : null, withValue);
  }

  /** The result for a node whose children (null for a leaf) are already known. */
  private NodeResult result(NodeUri uri, NodeRecord r, Children children, boolean withValue)
      throws DmException {
    if (r.isInterior()) {
      return NodeResult.interior(uri, children.names(), r.type().isEmpty() ? null : r.type());
    }
    return withValue
        ? NodeResult.leaf(uri, value(uri, r))
        : NodeResult.leafWithoutValue(uri, r.format(), r.type());
  }

  /** A leaf's value: what its MO reads live, or else the stored one. */
  private NodeValue value(NodeUri uri, NodeRecord r) throws DmException {
    Optional<MoGraft> owner = engine.mos.owner(uri);
    if (owner.isPresent()) {
      Optional<NodeValue> live = engine.callMo(owner.get(), mo -> mo.readLive(uri));
      if (live.isPresent()) {
        return live.get();
      }
    }
    return NodeValue.of(r.value(), r.format(), r.type());
  }

  /**
   * An interior node's children: what its MO lists live (those that exist, in the MO's order), or
   * the stored ones.
   */
  private Children children(WorkingTree w, NodeUri uri) throws DmException {
    Children stored = w.entries(uri);
    Optional<MoGraft> owner = engine.mos.owner(uri);
    if (owner.isPresent()) {
      Optional<List<String>> live = engine.callMo(owner.get(), mo -> mo.liveChildren(uri));
      if (live.isPresent()) {
        List<String> names = new ArrayList<>();
        List<NodeRecord> records = new ArrayList<>();
        for (String name : live.get()) {
          NodeRecord r = stored.record(name);
          if (r != null) {
            names.add(name);
            records.add(r);
          }
        }
        return new Children(names.toArray(new String[0]), records.toArray(new NodeRecord[0]));
      }
    }
    return stored;
  }

  @Override
  public PropertyResult getProperty(NodeUri uri, NodeProperty property) throws DmException {
    return read(
        "Get",
        uri,
        (w, c) -> {
          NodeRecord r = readable(w, uri);
          return switch (property) {
            case ACL ->
                r.acl().isEmpty()
                    ? new PropertyResult(
                        property,
                        engine.effectiveAcl(w, uri).toString(),
                        StatusCode.OK_WITH_INHERITED_ACL)
                    : PropertyResult.ok(property, r.acl());
            case FORMAT -> PropertyResult.ok(property, r.format().wireName());
            case NAME -> PropertyResult.ok(property, uri.isRoot() ? "." : uri.name());
            case SIZE -> {
              if (r.isInterior()) {
                throw new DmException(
                    StatusCode.OPTIONAL_FEATURE_NOT_SUPPORTED, "interior nodes have no Size");
              }
              yield PropertyResult.ok(property, Integer.toString(value(uri, r).size()));
            }
            case TITLE -> PropertyResult.ok(property, r.title());
            case TSTAMP ->
                PropertyResult.ok(property, TSTAMP.format(Instant.ofEpochMilli(r.tstamp())));
            case TYPE -> PropertyResult.ok(property, r.type());
            case VERNO -> PropertyResult.ok(property, Integer.toString(r.verNo()));
          };
        });
  }

  @Override
  public List<NodeResult> listStructure(NodeUri uri, boolean withValues) throws DmException {
    return read(
        "Get",
        uri,
        (w, c) -> {
          NodeRecord r = readable(w, uri);
          List<NodeResult> out = new ArrayList<>();
          walk(
              w,
              uri,
              r,
              engine.effectiveAcl(w, uri),
              (at, ar, children) -> out.add(result(at, ar, children, withValues)));
          return out;
        });
  }

  private interface Visitor {
    void visit(NodeUri uri, NodeRecord r, Children children) throws DmException;
  }

  /**
   * Every readable node below and including {@code uri} (whose record is {@code r} and whose
   * effective ACL is {@code acl}), parents before children. Each node's children are listed once,
   * and each child's ACL follows from its parent's, so the walk costs the same for every node
   * however deep.
   */
  private void walk(WorkingTree w, NodeUri uri, NodeRecord r, Acl acl, Visitor visitor)
      throws DmException {
    if (engine.inbox.governs(uri)) {
      return;
    }
    Children children = r.isInterior() ? children(w, uri) : null;
    if (mayList(uri, acl)) {
      visitor.visit(uri, r, children);
    }
    if (children != null) {
      for (int i = 0; i < children.size(); i++) {
        NodeRecord cr = children.record(i);
        walk(w, NodeUris.child(uri, children.name(i)), cr, engine.effectiveAcl(cr, acl), visitor);
      }
    }
  }

  /** Listings include what the principal could Get one by one, and nothing else. */
  private boolean mayList(WorkingTree w, NodeUri uri) {
    return principal.isDevice() || mayList(uri, engine.effectiveAcl(w, uri));
  }

  /** Like {@link #mayList(WorkingTree, NodeUri)} for a node whose effective ACL is known. */
  private boolean mayList(NodeUri uri, Acl acl) {
    if (principal.isDevice()) {
      return true;
    }
    if (!acl.allows(AclRight.GET, principal.serverId())) {
      return false;
    }
    Optional<NodeDescription> d = engine.mos.describe(uri);
    return d.isEmpty() || d.get().accessTypes().contains(AccessType.GET);
  }

  @Override
  public TndsTree exportTnds(NodeUri uri, TndsSelection selection) throws DmException {
    return read(
        "Get",
        uri,
        (w, c) -> {
          NodeRecord r = readable(w, uri);
          return new TndsTree(
              "1.2", Optional.empty(), Optional.empty(), List.of(tndsNode(w, uri, r, selection)));
        });
  }

  private TndsNode tndsNode(WorkingTree w, NodeUri uri, NodeRecord r, TndsSelection sel)
      throws DmException {
    Map<NodeProperty, String> props = new EnumMap<>(NodeProperty.class);
    for (NodeProperty p : sel.properties()) {
      switch (p) {
        case ACL -> {
          if (!r.acl().isEmpty()) {
            props.put(p, r.acl());
          }
        }
        case NAME -> props.put(p, uri.isRoot() ? "." : uri.name());
        case SIZE -> {
          if (!r.isInterior()) {
            props.put(p, Integer.toString(value(uri, r).size()));
          }
        }
        case TITLE -> {
          if (!r.title().isEmpty()) {
            props.put(p, r.title());
          }
        }
        case TSTAMP -> props.put(p, TSTAMP.format(Instant.ofEpochMilli(r.tstamp())));
        case TYPE -> props.put(p, r.type());
        case VERNO -> props.put(p, Integer.toString(r.verNo()));
        default -> {
          // FORMAT travels separately.
        }
      }
    }
    List<TndsNode> children = new ArrayList<>();
    if (r.isInterior()) {
      Children kids = children(w, uri);
      for (int i = 0; i < kids.size(); i++) {
        NodeUri child = NodeUris.child(uri, kids.name(i));
        NodeRecord cr = kids.record(i);
        if (mayList(w, child) && !engine.inbox.governs(child)) {
          children.add(tndsNode(w, child, cr, sel));
        }
      }
    }
    Optional<byte[]> value =
        !r.isInterior() && sel.includeValue()
            ? Optional.of(value(uri, r).data())
            : Optional.empty();
    Optional<NodeFormat> format =
        sel.properties().contains(NodeProperty.FORMAT) ? Optional.of(r.format()) : Optional.empty();
    return new TndsNode(
        uri.isRoot() ? "" : uri.name(), Optional.empty(), format, props, value, children);
  }

  @Override
  public List<NodeUri> locate(NodeUri under, String moId) throws DmException {
    return read(
        "Get",
        under,
        (w, c) -> {
          readable(w, under);
          Set<NodeUri> found = new TreeSet<>(engine.store.located(moId));
          w.pendingPuts()
              .forEach(
                  (uri, r) -> {
                    if (r.isInterior() && r.type().equals(moId)) {
                      found.add(uri);
                    }
                  });
          List<NodeUri> out = new ArrayList<>();
          for (NodeUri at : found) {
            Optional<NodeRecord> r = w.get(at);
            if (under.isAncestorOrSelfOf(at)
                && r.isPresent()
                && r.get().isInterior()
                && r.get().type().equals(moId)
                && !engine.inbox.governs(at)
                && mayList(w, at)) {
              out.add(at);
            }
          }
          return out;
        });
  }

  // ---- writes

  @Override
  public void addInterior(NodeUri uri, String moType) throws DmException {
    write(
        "Add",
        uri,
        (w, c) -> {
          NodeUri at = uri;
          if (engine.inbox.governs(uri)) {
            at = intoInbox(w, uri, moType);
          }
          add(w, c, at, null, moType);
          return null;
        });
  }

  @Override
  public void addLeaf(NodeUri uri, NodeValue value) throws DmException {
    write(
        "Add",
        uri,
        (w, c) -> {
          if (engine.inbox.governs(uri)) {
            intoInbox(w, uri, null);
          }
          add(w, c, uri, FormatCheck.normalized(value), null);
          return null;
        });
  }

  /**
   * Where an Add below the Inbox really goes: the server needs Add on the Inbox, and the object
   * needs an MO identifier the device knows.
   */
  private NodeUri intoInbox(WorkingTree w, NodeUri target, String moId) throws DmException {
    engine.require(w, principal, Inbox.ROOT, AclRight.ADD);
    NodeUri at = engine.inbox.route(Inbox.entryName(target), moId);
    log.accept(
        "Add "
            + WireText.escape(target.toString(), 200)
            + " for "
            + principal
            + " placed at "
            + WireText.escape(at.toString(), 200)
            + " by its MO type");
    return at;
  }

  /** Add of one node, creating missing interior parents as TND allows. */
  private void add(WorkingTree w, List<TreeChange> c, NodeUri uri, NodeValue leaf, String moType)
      throws DmException {
    engine.checkLimits(uri);
    if (uri.isRoot() || w.exists(uri)) {
      throw new DmException(StatusCode.ALREADY_EXISTS, uri + " already exists");
    }
    if (engine.mos.isHidden(uri)) {
      throw new DmException(
          StatusCode.NOT_FOUND, uri + " belongs to a management object that is not running");
    }
    engine.checkValueSize(uri, leaf);
    Optional<NodeDescription> d = engine.rules.describe(uri);
    ensureParent(w, c, uri.parent());
    engine.require(w, principal, uri.parent(), AclRight.ADD);
    Optional<String> ddfType = engine.rules.checkAdd(w, principal, uri, leaf, d);
    String type = moType == null || moType.isEmpty() ? ddfType.orElse(null) : moType;
    beforeWrite(uri, leaf);
    NodeRecord record =
        leaf == null
            ? NodeRecord.interior(type, creatorAcl(w, uri), now())
            : NodeRecord.leaf(leaf.format(), leaf.type(), leaf.data(), "", now());
    w.put(uri, record);
    changed(c, TreeChange.Kind.ADDED, uri, null);
  }

  /**
   * Lets the MO that owns the node, then the write guards (server writes only), veto the write; the
   * veto's status becomes the command's.
   */
  private void beforeWrite(NodeUri uri, NodeValue value) throws DmException {
    if (!principal.isDevice()) {
      for (io.dmagent.api.tree.WriteGuard guard : engine.guards) {
        try {
          guard.beforeWrite(uri, principal);
        } catch (RuntimeException e) {
          throw new DmException(
              StatusCode.COMMAND_FAILED, "write guard failed: " + e.getClass().getName(), e);
        }
      }
    }
    Optional<MoGraft> owner = engine.mos.owner(uri);
    if (owner.isPresent()) {
      engine.callMo(
          owner.get(),
          mo -> {
            mo.beforeWrite(uri, Optional.ofNullable(value), principal);
            return null;
          });
    }
  }

  private void ensureParent(WorkingTree w, List<TreeChange> c, NodeUri parent) throws DmException {
    NodeRecord p = w.get(parent).orElse(null);
    if (p == null) {
      add(
          w, c, parent, null,
          null); // implicit interior parent, same rules and same status on failure
      return;
    }
    if (!p.isInterior()) {
      throw new DmException(
          StatusCode.COMMAND_NOT_ALLOWED, parent + " is a leaf and cannot have children");
    }
  }

  /**
   * TND: a server that adds an interior node without Replace on the parent gets Add, Delete and
   * Replace on the new node, so that it can manage what it created; otherwise the new node
   * inherits.
   */
  private String creatorAcl(WorkingTree w, NodeUri uri) throws DmException {
    if (principal.isDevice() || engine.allowed(w, principal, uri.parent(), AclRight.REPLACE)) {
      return "";
    }
    String id = principal.serverId();
    return Acl.EMPTY
        .grant(AclRight.ADD, id)
        .grant(AclRight.DELETE, id)
        .grant(AclRight.REPLACE, id)
        .toString();
  }

  @Override
  public void addTnds(NodeUri target, TndsTree tree) throws DmException {
    write(
        "Add",
        target,
        (w, c) -> {
          for (TndsNode n : tree.nodes()) {
            NodeUri at = base(target, n);
            if (engine.inbox.governs(at)) {
              at = intoInbox(w, at, n.property(NodeProperty.TYPE).orElse(null));
            }
            addTndsNode(w, c, at, n);
          }
          return null;
        });
  }

  private static NodeUri base(NodeUri target, TndsNode n) throws DmException {
    NodeUri at =
        n.path().filter(p -> !p.isEmpty() && !p.equals(".")).isPresent()
            ? target.resolve(n.path().get())
            : target;
    return n.name().isEmpty() ? at : at.child(n.name());
  }

  private void addTndsNode(WorkingTree w, List<TreeChange> c, NodeUri uri, TndsNode n)
      throws DmException {
    if (n.isInterior()) {
      add(w, c, uri, null, n.property(NodeProperty.TYPE).orElse(null));
    } else {
      NodeFormat format = n.format().orElse(NodeFormat.CHR);
      add(
          w,
          c,
          uri,
          FormatCheck.normalized(
              NodeValue.of(
                  n.value().orElse(new byte[0]),
                  format,
                  n.property(NodeProperty.TYPE).orElse(null))),
          null);
    }
    Optional<String> acl = n.property(NodeProperty.ACL);
    if (acl.isPresent()) {
      NodeRecord r = w.get(uri).orElseThrow();
      Acl parsed = Acl.parse(acl.get());
      // An ACL carried in the TNDS is a change of the new node's ACL: the same rule as Replace.
      if (!mayChangeAcl(w, uri, r)) {
        throw new DmException(
            StatusCode.PERMISSION_DENIED, principal + " may not set the ACL of " + uri);
      }
      w.put(uri, r.withAcl(parsed.toString(), now()));
    }
    for (TndsNode child : n.children()) {
      addTndsNode(w, c, base(uri, child), child);
    }
  }

  @Override
  public void replace(NodeUri uri, NodeValue value) throws DmException {
    write(
        "Replace",
        uri,
        (w, c) -> {
          NodeRecord r = existing(w, uri);
          if (r.isInterior()) {
            throw new DmException(
                StatusCode.COMMAND_NOT_ALLOWED,
                uri + " is an interior node; its value cannot be replaced");
          }
          engine.require(w, principal, uri, AclRight.REPLACE);
          NodeValue v = FormatCheck.normalized(value);
          engine.checkValueSize(uri, v);
          engine.rules.checkReplace(principal, uri, v, engine.mos.describe(uri));
          beforeWrite(uri, v);
          w.put(uri, r.withValue(v.format(), v.type(), v.data(), now()));
          changed(c, TreeChange.Kind.REPLACED, uri, null);
          return null;
        });
  }

  @Override
  public void replaceTnds(NodeUri target, TndsTree tree) throws DmException {
    write(
        "Replace",
        target,
        (w, c) -> {
          requireReplaceableByTnds(w, target);
          for (String child : w.children(target)) {
            NodeUri at = NodeUris.child(target, child);
            beforeWrite(at, null);
            w.removeSubtree(at);
          }
          for (TndsNode n : tree.nodes()) {
            for (TndsNode child : n.children()) {
              addTndsNode(w, c, base(target, child), child);
            }
          }
          changed(c, TreeChange.Kind.REPLACED, target, null);
          return null;
        });
  }

  @Override
  public void checkReplaceTnds(NodeUri target) throws DmException {
    read(
        "Replace",
        target,
        (w, c) -> {
          requireReplaceableByTnds(w, target);
          return null;
        });
  }

  /** A TNDS Replace is a Delete of each child, then an Add of each new one (TND). */
  private void requireReplaceableByTnds(WorkingTree w, NodeUri target) throws DmException {
    existing(w, target);
    engine.require(w, principal, target, AclRight.REPLACE);
    for (String child : w.children(target)) {
      NodeUri at = NodeUris.child(target, child);
      engine.require(w, principal, at, AclRight.DELETE);
      engine.rules.checkDelete(principal, at, engine.mos.describe(at));
    }
  }

  @Override
  public void replaceProperty(NodeUri uri, NodeProperty property, String value) throws DmException {
    write(
        "Replace",
        uri,
        (w, c) -> {
          NodeRecord r = existing(w, uri);
          switch (property) {
            case ACL -> replaceAcl(w, c, uri, r, value);
            case NAME -> rename(w, c, uri, value);
            case TITLE -> {
              engine.require(w, principal, uri, AclRight.REPLACE);
              if (value.getBytes(StandardCharsets.UTF_8).length > MAX_TITLE_BYTES) {
                throw new DmException(
                    StatusCode.REQUEST_ENTITY_TOO_LARGE, "Title longer than 255 bytes");
              }
              w.put(uri, r.withTitle(value));
              changed(c, TreeChange.Kind.PROPERTY_REPLACED, uri, property);
            }
            default ->
                throw new DmException(
                    StatusCode.COMMAND_NOT_ALLOWED, property.wireName() + " cannot be replaced");
          }
          return null;
        });
  }

  private void replaceAcl(
      WorkingTree w, List<TreeChange> c, NodeUri uri, NodeRecord r, String value)
      throws DmException {
    Acl acl = Acl.parse(value);
    if (!mayChangeAcl(w, uri, r)) {
      throw new DmException(
          StatusCode.PERMISSION_DENIED, principal + " may not change the ACL of " + uri);
    }
    if (uri.isRoot() && acl.isEmpty()) {
      throw new DmException(StatusCode.COMMAND_NOT_ALLOWED, "the root must keep an ACL");
    }
    w.put(uri, r.withAcl(acl.toString(), now()));
    changed(c, TreeChange.Kind.PROPERTY_REPLACED, uri, NodeProperty.ACL);
  }

  private boolean mayChangeAcl(WorkingTree w, NodeUri uri, NodeRecord r) throws DmException {
    if (principal.isDevice()) {
      return true;
    }
    boolean onParent =
        !uri.isRoot() && engine.allowed(w, principal, uri.parent(), AclRight.REPLACE);
    if (engine.aclMode == AclMode.SEPARATE || !r.isInterior()) {
      return onParent || (uri.isRoot() && engine.allowed(w, principal, uri, AclRight.REPLACE));
    }
    return onParent || engine.allowed(w, principal, uri, AclRight.REPLACE);
  }

  private void rename(WorkingTree w, List<TreeChange> c, NodeUri uri, String newName)
      throws DmException {
    if (uri.isRoot()) {
      throw new DmException(StatusCode.COMMAND_NOT_ALLOWED, "the root cannot be renamed");
    }
    engine.require(w, principal, uri, AclRight.REPLACE);
    engine.rules.checkRename(principal, uri, engine.mos.describe(uri));
    NodeUri target = uri.parent().child(newName);
    engine.checkLimits(target);
    if (w.exists(target)) {
      throw new DmException(StatusCode.ALREADY_EXISTS, target + " already exists");
    }
    move(w, uri, target);
    w.removeSubtree(uri);
    changed(c, TreeChange.Kind.RENAMED, target, NodeProperty.NAME);
  }

  private void move(WorkingTree w, NodeUri from, NodeUri to) {
    NodeRecord r = w.get(from).orElseThrow();
    w.put(to, r);
    for (String child : w.children(from)) {
      move(w, NodeUris.child(from, child), NodeUris.child(to, child));
    }
  }

  @Override
  public void delete(NodeUri uri) throws DmException {
    write(
        "Delete",
        uri,
        (w, c) -> {
          if (uri.isRoot()) {
            throw new DmException(StatusCode.COMMAND_NOT_ALLOWED, "the root cannot be deleted");
          }
          existing(w, uri);
          engine.require(w, principal, uri, AclRight.DELETE);
          engine.rules.checkDelete(principal, uri, engine.mos.describe(uri));
          beforeWrite(uri, null);
          w.removeSubtree(uri);
          changed(c, TreeChange.Kind.DELETED, uri, null);
          return null;
        });
  }

  @Override
  public void copy(NodeUri source, NodeUri target) throws DmException {
    write(
        "Copy",
        target,
        (w, c) -> {
          NodeRecord from = readable(w, source);
          if (from.isInterior()) {
            throw new DmException(
                StatusCode.COMMAND_NOT_ALLOWED,
                "Copy works on leaves only; " + source + " is interior");
          }
          NodeRecord to = w.get(target).orElse(null);
          NodeValue v = value(source, from);
          if (to == null) {
            add(w, c, target, v, null);
          } else if (to.isInterior()) {
            throw new DmException(
                StatusCode.COMMAND_NOT_ALLOWED,
                "Copy works on leaves only; " + target + " is interior");
          } else {
            engine.require(w, principal, target, AclRight.REPLACE);
            engine.rules.checkReplace(principal, target, v, engine.mos.describe(target));
            beforeWrite(target, v);
            w.put(target, to.withValue(v.format(), v.type(), v.data(), now()));
            changed(c, TreeChange.Kind.REPLACED, target, null);
          }
          return null;
        });
  }

  @Override
  public ExecResult exec(NodeUri uri, ExecRequest request) throws DmException {
    MoGraft owner =
        read(
            "Exec",
            uri,
            (w, c) -> {
              existing(w, uri);
              engine.require(w, principal, uri, AclRight.EXEC);
              engine.rules.requireAccess(principal, uri, engine.mos.describe(uri), AccessType.EXEC);
              return engine
                  .mos
                  .owner(uri)
                  .orElseThrow(
                      () ->
                          new DmException(
                              StatusCode.COMMAND_NOT_ALLOWED,
                              "no management object executes " + uri));
            });
    // The MO runs outside the tree's lock: an Exec may take long (a download, a reboot), and it
    // changes the tree, if at all, through the tree's own operations.
    try {
      return engine.callMo(owner, mo -> mo.exec(uri, request, principal));
    } catch (DmException e) {
      throw refused("Exec", uri, e);
    }
  }

  private NodeRecord existing(WorkingTree w, NodeUri uri) throws DmException {
    engine.checkLimits(uri);
    NodeRecord r = w.record(uri);
    if (r == null) {
      throw notFound(uri);
    }
    return r;
  }

  private static DmException notFound(NodeUri uri) {
    return new DmException(StatusCode.NOT_FOUND, uri + " does not exist");
  }

  // ---- transaction

  @Override
  public void commit() throws DmException {
    end();
    try {
      engine.commit(txWork, txChanges);
    } catch (RuntimeException e) {
      throw new DmException(StatusCode.DATA_STORE_FAILURE, "store failure: " + e, e);
    } finally {
      engine.lock.writeLock().unlock();
    }
  }

  @Override
  public void rollback() {
    end();
    txWork.clear();
    engine.lock.writeLock().unlock();
  }

  @Override
  public void close() {
    if (open && txWork != null) {
      rollback();
    }
  }

  /** Undo-log entries this transaction recorded (see {@link WorkingTree#undoEntries()}). */
  long undoEntries() {
    return txWork.undoEntries();
  }

  private void end() {
    if (txWork == null) {
      throw new IllegalStateException("not a transaction");
    }
    if (!open) {
      throw new IllegalStateException("transaction already ended");
    }
    open = false;
  }
}
