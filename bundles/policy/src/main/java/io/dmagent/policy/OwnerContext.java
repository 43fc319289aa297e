package io.dmagent.policy;

import io.dmagent.api.policy.PolicyContext;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeResult;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.api.tree.TreeOperations;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** A policy's view of the tree: every read and write with its owner's rights, never more. */
final class OwnerContext implements PolicyContext {
  private final NodeUri policy;
  private final Principal owner;
  private final DmTree tree;
  private final Clock clock;

  OwnerContext(NodeUri policy, Principal owner, DmTree tree, Clock clock) {
    this.policy = policy;
    this.owner = owner;
    this.tree = tree;
    this.clock = clock;
  }

  @Override
  public NodeUri policy() {
    return policy;
  }

  @Override
  public Principal owner() {
    return owner;
  }

  @Override
  public Instant now() {
    return clock.instant();
  }

  @Override
  public Optional<NodeValue> read(NodeUri uri) throws DmException {
    if (!exists(uri)) {
      return Optional.empty();
    }
    NodeResult r = operations().get(uri);
    if (!r.isLeaf()) {
      throw new DmException(StatusCode.OPTIONAL_FEATURE_NOT_SUPPORTED, uri + " is interior");
    }
    return r.value();
  }

  boolean exists(NodeUri uri) {
    return Nodes.exists(tree, uri);
  }

  /** The tree's operations with the owner's rights. */
  TreeOperations operations() {
    return tree.operations(owner);
  }

  DmTree tree() {
    return tree;
  }
}
