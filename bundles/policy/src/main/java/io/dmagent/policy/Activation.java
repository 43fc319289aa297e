package io.dmagent.policy;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.api.tree.TreeOperations;
import java.util.function.Consumer;

/**
 * Exec on Activate and Deactivate (HLF-3): only the owner switches its policy (ATHOR-1), and a
 * policy is activated only when it is whole and would run: otherwise the Exec fails with the status
 * of what is wrong (400, 404, 405, 425) and the policy stays as it was.
 */
final class Activation {
  private final DmTree tree;
  private final PolicyReader reader;
  private final Compiler compiler;
  private final PolicyEngine engine;
  private final Consumer<String> refusals;

  Activation(
      DmTree tree,
      PolicyReader reader,
      Compiler compiler,
      PolicyEngine engine,
      Consumer<String> refusals) {
    this.tree = tree;
    this.reader = reader;
    this.compiler = compiler;
    this.engine = engine;
    this.refusals = refusals;
  }

  void activate(NodeUri policy, Principal principal) throws DmException {
    PolicyDefinition def = ownedBy(policy, principal);
    try {
      compiler.compile(def, engine.owner(def).orElse(principal));
    } catch (DmException e) {
      refusals.accept(
          "policy " + policy + " not activated for " + principal + ": " + e.getMessage());
      throw e;
    }
    setState(policy, "Active");
  }

  void deactivate(NodeUri policy, Principal principal) throws DmException {
    ownedBy(policy, principal);
    setState(policy, "Inactive");
  }

  private PolicyDefinition ownedBy(NodeUri policy, Principal principal) throws DmException {
    PolicyDefinition def =
        reader
            .read(policy)
            .orElseThrow(() -> new DmException(StatusCode.NOT_FOUND, policy + " does not exist"));
    Principal owner = engine.owner(def).orElse(principal);
    if (!principal.isDevice() && !owner.equals(principal)) {
      throw new DmException(
          StatusCode.PERMISSION_DENIED, "the policy belongs to " + owner + ", not to " + principal);
    }
    return def;
  }

  private void setState(NodeUri policy, String state) throws DmException {
    TreeOperations ops = tree.operations(Principal.device());
    NodeUri uri = policy.child(Layout.STATE);
    if (Nodes.exists(tree, uri)) {
      ops.replace(uri, NodeValue.text(state));
    } else {
      ops.addLeaf(uri, NodeValue.text(state));
    }
  }
}
