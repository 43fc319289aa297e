package io.dmagent.policy;

import io.dmagent.api.policy.PolicyCondition;
import io.dmagent.api.policy.PolicyConditionType;
import io.dmagent.api.policy.PolicyContext;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.StatusCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code compare}: a leaf's value against a constant ({@code Node}, {@code Operator}, {@code
 * Value}), optionally held for a while ({@code Hold}, PT5S or seconds) before it counts.
 */
final class CompareType implements PolicyConditionType {
  static final String NAME = "compare";

  @Override
  public PolicyCondition create(Map<String, String> parameters, PolicyContext context)
      throws DmException {
    Params p = new Params(NAME + " condition", parameters);
    p.onlyKnown("Node", "Operator", "Value", "Hold");
    NodeUri node = p.uri("Node");
    Operator op = Operator.parse(p.required("Operator"));
    String constant = p.present("Value");
    Duration hold = p.duration("Hold").orElse(Duration.ZERO);
    NodeValue now =
        context
            .read(node)
            .orElseThrow(
                () ->
                    new DmException(
                        StatusCode.NOT_FOUND, "the watched node " + node + " is missing"));
    return new Held(Comparison.of(node, op, now.format(), constant), hold);
  }

  /** The comparison, and since when it has held. */
  static final class Held implements PolicyCondition {
    private final Comparison comparison;
    private final Duration hold;
    private Instant since;

    Held(Comparison comparison, Duration hold) {
      this.comparison = comparison;
      this.hold = hold;
    }

    @Override
    public Set<NodeUri> watchedNodes() {
      return Set.of(comparison.node());
    }

    @Override
    public Optional<Instant> nextTimeChange(Instant now) {
      if (since == null || hold.isZero()) {
        return Optional.empty();
      }
      Instant due = since.plus(hold);
      return due.isAfter(now) ? Optional.of(due) : Optional.empty();
    }

    @Override
    public boolean holds(PolicyContext context) throws DmException {
      NodeValue value =
          context
              .read(comparison.node())
              .orElseThrow(
                  () ->
                      new DmException(
                          StatusCode.NOT_FOUND,
                          "the watched node " + comparison.node() + " is missing"));
      if (!comparison.test(value)) {
        since = null;
        return false;
      }
      Instant now = context.now();
      if (since == null) {
        since = now;
      }
      return !now.isBefore(since.plus(hold));
    }
  }
}
