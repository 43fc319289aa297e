package io.dmagent.policy;

import io.dmagent.api.policy.PolicyAction;
import io.dmagent.api.policy.PolicyCondition;
import io.dmagent.api.tree.NodeUri;
import java.util.List;

/** A policy checked as a whole and ready to run: its trigger and its ordered actions. */
record CompiledPolicy(
    NodeUri uri,
    OwnerContext context,
    PolicyCondition trigger,
    List<Step> steps,
    boolean stopOnFailure,
    ReportMode report,
    boolean active) {

  /** One action, by the name it has in the policy. */
  record Step(String name, PolicyAction action) {}

  /** How results reach the owner (HLF-5, DMS-02). */
  enum ReportMode {
    SESSION,
    SESSIONLESS,
    NONE
  }
}
