package io.dmagent.api.policy;

import io.dmagent.api.tree.DmException;
import java.util.Map;

/**
 * An action type (whiteboard): registered with {@value #TYPE} naming it. A policy whose action
 * names the type gives its parameters as the leaves of the action's node.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface PolicyActionType {

  /** Service property: the type name (String) policies use. */
  String TYPE = "dm.policy.action.type";

  /**
   * Makes an action from a policy's parameters, checking them when the policy is downloaded.
   *
   * @throws DmException 400 (or 404, 405, 425) naming the bad parameter: the download is refused
   */
  PolicyAction create(Map<String, String> parameters, PolicyContext context) throws DmException;
}
