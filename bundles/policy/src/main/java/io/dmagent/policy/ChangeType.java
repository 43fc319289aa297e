package io.dmagent.policy;

import io.dmagent.api.policy.PolicyCondition;
import io.dmagent.api.policy.PolicyConditionType;
import io.dmagent.api.policy.PolicyContext;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.StatusCode;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code change}: a leaf's value ({@code Node}) differs from the one seen last time. */
final class ChangeType implements PolicyConditionType {
  static final String NAME = "change";

  @Override
  public PolicyCondition create(Map<String, String> parameters, PolicyContext context)
      throws DmException {
    Params p = new Params(NAME + " condition", parameters);
    p.onlyKnown("Node");
    NodeUri node = p.uri("Node");
    NodeValue first =
        context
            .read(node)
            .orElseThrow(
                () ->
                    new DmException(
                        StatusCode.NOT_FOUND, "the watched node " + node + " is missing"));
    return new Changed(node, first);
  }

  /** Holds once per change: the value seen becomes the new reference. */
  static final class Changed implements PolicyCondition {
    private final NodeUri node;
    private NodeValue seen;

    Changed(NodeUri node, NodeValue seen) {
      this.node = node;
      this.seen = seen;
    }

    @Override
    public Set<NodeUri> watchedNodes() {
      return Set.of(node);
    }

    @Override
    public boolean holds(PolicyContext context) throws DmException {
      Optional<NodeValue> now = context.read(node);
      if (now.isEmpty()) {
        throw new DmException(StatusCode.NOT_FOUND, "the watched node " + node + " is missing");
      }
      boolean changed = !now.get().equals(seen);
      seen = now.get();
      return changed;
    }
  }
}
