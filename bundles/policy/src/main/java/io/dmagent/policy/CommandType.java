package io.dmagent.policy;

import io.dmagent.api.log.WireText;
import io.dmagent.api.policy.PolicyAction;
import io.dmagent.api.policy.PolicyActionType;
import io.dmagent.api.policy.PolicyContext;
import io.dmagent.api.tree.Acl;
import io.dmagent.api.tree.AclRight;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.ExecRequest;
import io.dmagent.api.tree.ExecResult;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeResult;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.api.tree.TreeOperations;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The DM commands as policy actions: {@code add}, {@code replace}, {@code delete}, {@code exec},
 * {@code copy}, {@code get} (Device-02). Parameters: {@code Target}; {@code Value} and {@code
 * Format} for add and replace; {@code Data} for exec; {@code Source} for copy. At download the
 * nodes must be there (404) and the owner must hold the right the command needs (425); at run time
 * the tree checks both again, with the owner's rights.
 */
final class CommandType implements PolicyActionType {
  enum Kind {
    ADD(AclRight.ADD),
    REPLACE(AclRight.REPLACE),
    DELETE(AclRight.DELETE),
    EXEC(AclRight.EXEC),
    COPY(AclRight.REPLACE),
    GET(AclRight.GET);

    final AclRight right;

    Kind(AclRight right) {
      this.right = right;
    }

    String typeName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Kind kind;
  private final DmTree tree;

  CommandType(Kind kind, DmTree tree) {
    this.kind = kind;
    this.tree = tree;
  }

  String name() {
    return kind.typeName();
  }

  @Override
  public PolicyAction create(Map<String, String> parameters, PolicyContext context)
      throws DmException {
    Params p = new Params(kind.typeName() + " action", parameters);
    Rights rights = new Rights(tree, context.owner());
    NodeUri target = p.uri("Target");
    TreeCommand command = command(kind, p, rights, context, target, parameters);
    return new CommandAction(command, tree);
  }

  /**
   * The command without the tree it runs on, so that a bound action can run it in a transaction.
   */
  static TreeCommand commandOf(PolicyAction action) {
    return action instanceof CommandAction c ? c.command() : null;
  }

  private TreeCommand command(
      Kind kind,
      Params p,
      Rights rights,
      PolicyContext context,
      NodeUri target,
      Map<String, String> parameters)
      throws DmException {
    switch (kind) {
      case ADD -> {
        p.onlyKnown("Target", "Value", "Format");
        NodeFormat format = format(p).orElse(NodeFormat.CHR);
        String value = p.optional("Value").orElse("");
        if (format != NodeFormat.NODE) {
          check(target, format, value);
        }
        rights.require(rights.nearestExisting(target.parent()), AclRight.ADD, target);
        return new Add(target, format, value);
      }
      case REPLACE -> {
        p.onlyKnown("Target", "Value", "Format");
        NodeValue current = existingLeaf(rights, context, target);
        NodeFormat format = format(p).orElse(current.format());
        String value = p.present("Value");
        check(target, format, value);
        rights.require(target, AclRight.REPLACE, target);
        return new Replace(target, format, value);
      }
      case DELETE -> {
        p.onlyKnown("Target");
        requireExists(rights, target);
        rights.require(target, AclRight.DELETE, target);
        return new Delete(target);
      }
      case EXEC -> {
        p.onlyKnown("Target", "Data");
        requireExists(rights, target);
        rights.require(target, AclRight.EXEC, target);
        return new Exec(target, p.optional("Data"));
      }
      case COPY -> {
        p.onlyKnown("Target", "Source");
        NodeUri source = p.uri("Source");
        requireExists(rights, source);
        rights.require(source, AclRight.GET, source);
        if (rights.exists(target)) {
          rights.require(target, AclRight.REPLACE, target);
        } else {
          rights.require(rights.nearestExisting(target.parent()), AclRight.ADD, target);
        }
        return new Copy(source, target);
      }
      default -> {
        p.onlyKnown("Target");
        requireExists(rights, target);
        rights.require(target, AclRight.GET, target);
        return new Get(target);
      }
    }
  }

  private static Optional<NodeFormat> format(Params p) throws DmException {
    Optional<String> f = p.optional("Format");
    if (f.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        NodeFormat.fromWireName(f.get())
            .orElseThrow(
                () ->
                    new DmException(
                        StatusCode.BAD_REQUEST, "unknown Format " + WireText.quote(f.get()))));
  }

  /** A value that its Format cannot hold is ill-typed: 405 at download. */
  private static void check(NodeUri target, NodeFormat format, String value) throws DmException {
    try {
      switch (format) {
        case INT -> Long.parseLong(value.strip());
        case FLOAT -> Double.parseDouble(value.strip());
        case BOOL -> {
          if (Comparison.parseBool(value.strip()).isEmpty()) {
            throw new NumberFormatException();
          }
        }
        default -> {}
      }
    } catch (NumberFormatException e) {
      throw new DmException(
          StatusCode.COMMAND_NOT_ALLOWED,
          "ill-typed value for "
              + target
              + ": "
              + WireText.quote(value)
              + " is no "
              + format.wireName());
    }
  }

  private static void requireExists(Rights rights, NodeUri uri) throws DmException {
    if (!rights.exists(uri)) {
      throw new DmException(StatusCode.NOT_FOUND, uri + " is missing");
    }
  }

  private static NodeValue existingLeaf(Rights rights, PolicyContext context, NodeUri uri)
      throws DmException {
    requireExists(rights, uri);
    try {
      return context.read(uri).orElseThrow();
    } catch (DmException e) {
      if (e.status() == StatusCode.OPTIONAL_FEATURE_NOT_SUPPORTED) {
        throw new DmException(StatusCode.COMMAND_NOT_ALLOWED, uri + " is interior, no Replace");
      }
      throw e;
    }
  }

  static NodeValue valueOf(NodeFormat format, String text) {
    return NodeValue.of(text, format);
  }

  /** What the owner may do, read from the ACLs without acting (the device reads them). */
  static final class Rights {
    private final DmTree tree;
    private final Principal owner;

    Rights(DmTree tree, Principal owner) {
      this.tree = tree;
      this.owner = owner;
    }

    boolean exists(NodeUri uri) {
      return Nodes.exists(tree, uri);
    }

    NodeUri nearestExisting(NodeUri uri) {
      NodeUri at = uri;
      while (!at.isRoot() && !exists(at)) {
        at = at.parent();
      }
      return at;
    }

    void require(NodeUri aclOf, AclRight right, NodeUri target) throws DmException {
      if (owner.isDevice()) {
        return;
      }
      String acl = tree.operations(Principal.device()).getProperty(aclOf, NodeProperty.ACL).value();
      if (!Acl.parse(acl).allows(right, owner.serverId())) {
        throw new DmException(
            StatusCode.PERMISSION_DENIED,
            owner + " has no " + right.wireName() + " right for " + target);
      }
    }
  }

  /** A command as a policy action: run alone, with the owner's rights. */
  record CommandAction(TreeCommand command, DmTree tree) implements PolicyAction {
    @Override
    public String run(PolicyContext context) throws DmException {
      return command.runOn(tree.operations(context.owner()));
    }
  }

  private record Add(NodeUri target, NodeFormat format, String value) implements TreeCommand {
    @Override
    public Set<NodeUri> writes() {
      return Set.of(target);
    }

    @Override
    public String runOn(TreeOperations ops) throws DmException {
      if (format == NodeFormat.NODE) {
        ops.addInterior(target, null);
      } else {
        ops.addLeaf(target, valueOf(format, value));
      }
      return "add " + target;
    }
  }

  private record Replace(NodeUri target, NodeFormat format, String value) implements TreeCommand {
    @Override
    public Set<NodeUri> writes() {
      return Set.of(target);
    }

    @Override
    public String runOn(TreeOperations ops) throws DmException {
      ops.replace(target, valueOf(format, value));
      return "replace " + target + " = " + WireText.quote(value);
    }
  }

  private record Delete(NodeUri target) implements TreeCommand {
    @Override
    public Set<NodeUri> writes() {
      return Set.of(target);
    }

    @Override
    public String runOn(TreeOperations ops) throws DmException {
      ops.delete(target);
      return "delete " + target;
    }
  }

  private record Exec(NodeUri target, Optional<String> data) implements TreeCommand {
    @Override
    public Set<NodeUri> writes() {
      return Set.of();
    }

    @Override
    public String runOn(TreeOperations ops) throws DmException {
      ExecResult r = ops.exec(target, new ExecRequest(data.map(NodeValue::text), Optional.empty()));
      return "exec " + target + ": " + r.status().code();
    }
  }

  private record Copy(NodeUri source, NodeUri target) implements TreeCommand {
    @Override
    public Set<NodeUri> writes() {
      return Set.of(target);
    }

    @Override
    public String runOn(TreeOperations ops) throws DmException {
      ops.copy(source, target);
      return "copy " + source + " to " + target;
    }
  }

  private record Get(NodeUri target) implements TreeCommand {
    @Override
    public Set<NodeUri> writes() {
      return Set.of();
    }

    @Override
    public String runOn(TreeOperations ops) throws DmException {
      NodeResult r = ops.get(target);
      return "get "
          + target
          + " = "
          + (r.isLeaf()
              ? r.value().map(v -> WireText.quote(v.text())).orElse("(no value)")
              : String.join(",", r.children()));
    }
  }
}
