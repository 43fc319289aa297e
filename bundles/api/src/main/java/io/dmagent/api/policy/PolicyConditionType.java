package io.dmagent.api.policy;

import io.dmagent.api.tree.DmException;
import java.util.Map;

/**
 * A condition type (whiteboard): registered with {@value #TYPE} naming it (e.g. {@code
 * acme.temperature.above}). A policy whose condition names the type gives its parameters as the
 * leaves of the condition's node.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface PolicyConditionType {

  /** Service property: the type name (String) policies use. */
  String TYPE = "dm.policy.condition.type";

  /**
   * Makes a condition from a policy's parameters, checking them: called when the policy is
   * downloaded or updated, and again when the engine resumes it.
   *
   * @throws DmException 400 (or 404, 405, 425) naming the bad parameter: the download is refused
   *     with that status
   */
  PolicyCondition create(Map<String, String> parameters, PolicyContext context) throws DmException;
}
