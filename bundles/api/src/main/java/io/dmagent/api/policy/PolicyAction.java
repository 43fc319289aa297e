package io.dmagent.api.policy;

import io.dmagent.api.tree.DmException;

/** An action of one policy, made by a {@link PolicyActionType} from its parameters. */
@org.osgi.annotation.versioning.ConsumerType
public interface PolicyAction {

  /**
   * Runs the action with the owner's rights.
   *
   * @return a short description of what it did, recorded in the policy's result
   * @throws DmException the status recorded for this action when it fails; the compound action goes
   *     on or stops as the policy says
   */
  String run(PolicyContext context) throws DmException;
}
