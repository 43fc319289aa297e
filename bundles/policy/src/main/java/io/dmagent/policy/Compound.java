package io.dmagent.policy;

import io.dmagent.api.policy.PolicyCondition;
import io.dmagent.api.policy.PolicyContext;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeUri;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code and}, {@code or}, {@code not}: conditions of conditions (MP-03), named by their {@code
 * Operands}. Every operand is evaluated each time, so that the ones that keep state (a value held,
 * a change seen) stay current whatever the others say.
 */
final class Compound implements PolicyCondition {
  enum Kind {
    AND,
    OR,
    NOT
  }

  private final Kind kind;
  private final List<PolicyCondition> operands;

  Compound(Kind kind, List<PolicyCondition> operands) {
    this.kind = kind;
    this.operands = List.copyOf(operands);
  }

  @Override
  public Set<NodeUri> watchedNodes() {
    Set<NodeUri> all = new HashSet<>();
    operands.forEach(o -> all.addAll(o.watchedNodes()));
    return all;
  }

  @Override
  public Optional<Instant> nextTimeChange(Instant now) {
    return operands.stream()
        .map(o -> o.nextTimeChange(now))
        .flatMap(Optional::stream)
        .min(Instant::compareTo);
  }

  @Override
  public boolean holds(PolicyContext context) throws DmException {
    boolean and = true;
    boolean or = false;
    for (PolicyCondition o : operands) {
      boolean h = o.holds(context);
      and &= h;
      or |= h;
    }
    return switch (kind) {
      case AND -> and;
      case OR -> or;
      case NOT -> !and;
    };
  }
}
