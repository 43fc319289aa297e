package io.dmagent.api.policy;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeUri;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A condition of one policy, made by a {@link PolicyConditionType} from its parameters. The engine
 * evaluates it when a node it watches changes and when the time it names comes, never by polling.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface PolicyCondition {

  /** The nodes whose changes may change the outcome (subtrees included). */
  Set<NodeUri> watchedNodes();

  /**
   * The next instant at which the outcome may change by time alone (a window opens, a value has
   * been held long enough), after {@code now}; empty when only node changes matter.
   */
  default Optional<Instant> nextTimeChange(Instant now) {
    return Optional.empty();
  }

  /**
   * Whether the condition holds now.
   *
   * @throws DmException when it cannot be evaluated (a node missing: 404; no right: 425; a value of
   *     the wrong type: 405): the engine records a failed result, it does not act
   */
  boolean holds(PolicyContext context) throws DmException;
}
