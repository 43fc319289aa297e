package io.dmagent.policy;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.TreeOperations;
import java.util.Set;

/**
 * A built-in action: one DM command on the local tree (Device-02). It runs on the owner's
 * operations alone, or with others in one transaction when the policy binds them (HLF-6).
 */
interface TreeCommand {
  /** The nodes it writes: a policy whose condition watches one of them re-triggers itself. */
  Set<NodeUri> writes();

  /** Runs on {@code ops} (the owner's) and says what it did. */
  String runOn(TreeOperations ops) throws DmException;
}
