package io.dmagent.policy;

import io.dmagent.api.tree.NodeUri;

/** Where things are in ./MgmtPolicy (our layout of the MO, documented in docs/CONFORMANCE.md). */
final class Layout {
  static final String MOID = "urn:oma:mo:oma-mgmtpolicymo:1.0";
  static final NodeUri ROOT = NodeUri.of("./MgmtPolicy");
  static final NodeUri POLICIES = NodeUri.of("./MgmtPolicy/Policies");

  static final String NAME = "Name";
  static final String CONDITIONS = "Conditions";
  static final String TRIGGER = "Trigger";
  static final String ACTIONS = "Actions";
  static final String TYPE = "Type";
  static final String ON_FAILURE = "OnFailure";
  static final String REPORT = "Report";
  static final String STATE = "State";
  static final String ACTIVATE = "Activate";
  static final String DEACTIVATE = "Deactivate";
  static final String OWNER = "Owner";
  static final String STATUS = "Status";
  static final String RESULTS = "Results";

  private Layout() {}

  /** The policy a node belongs to ({@code ./MgmtPolicy/Policies/<x>}), if it lies in one. */
  static java.util.Optional<NodeUri> policyOf(NodeUri uri) {
    if (!POLICIES.isAncestorOrSelfOf(uri) || uri.depth() <= POLICIES.depth()) {
      return java.util.Optional.empty();
    }
    NodeUri at = uri;
    while (at.depth() > POLICIES.depth() + 1) {
      at = at.parent();
    }
    return java.util.Optional.of(at);
  }

  /** The path of {@code uri} below its policy, e.g. {@code Conditions/door/Node}. */
  static String relative(NodeUri policy, NodeUri uri) {
    return String.join("/", uri.relativeTo(policy));
  }

  /** Whether a change below a policy is the engine's own bookkeeping, not the server's policy. */
  static boolean isBookkeeping(String relative) {
    return relative.equals(OWNER)
        || relative.equals(STATUS)
        || relative.equals(ACTIVATE)
        || relative.equals(DEACTIVATE)
        || relative.equals(RESULTS)
        || relative.startsWith(RESULTS + "/");
  }
}
