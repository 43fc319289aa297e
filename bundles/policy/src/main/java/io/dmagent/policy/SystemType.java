package io.dmagent.policy;

import io.dmagent.api.log.WireText;
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

/**
 * {@code system}: a system property of the gateway (IOP-01) equals ({@code Operator} eq) or differs
 * from (ne) a {@code Value}. {@code DeviceType} is ./DevDetail/DevTyp (watched like any node),
 * {@code Location} the engine's configured location, {@code NetworkType} a kind of network the
 * gateway is on now (ethernet, wifi, cellular, read from the OS when evaluated). Date and time are
 * the {@code time} condition's.
 */
final class SystemType implements PolicyConditionType {
  static final String NAME = "system";
  static final NodeUri DEV_TYP = NodeUri.of("./DevDetail/DevTyp");

  private final SystemProperties system;

  SystemType(SystemProperties system) {
    this.system = system;
  }

  @Override
  public PolicyCondition create(Map<String, String> parameters, PolicyContext context)
      throws DmException {
    Params p = new Params(NAME + " condition", parameters);
    p.onlyKnown("Property", "Operator", "Value");
    String property = p.required("Property");
    Operator op = Operator.parse(p.optional("Operator").orElse("eq"));
    if (op.isOrdering()) {
      throw new DmException(
          StatusCode.COMMAND_NOT_ALLOWED, "system properties compare by eq or ne, not " + op);
    }
    String value = p.required("Value");
    return switch (property) {
      case "DeviceType" -> new Property(op, value, Set.of(DEV_TYP), ctx -> deviceType(ctx));
      case "Location" ->
          new Property(op, value, Set.of(), ctx -> system.location().map(Set::of).orElse(Set.of()));
      case "NetworkType" -> new Property(op, value, Set.of(), ctx -> system.networkTypes());
      default ->
          throw new DmException(
              StatusCode.BAD_REQUEST,
              "unknown system property "
                  + WireText.quote(property)
                  + " (DeviceType, Location, NetworkType)");
    };
  }

  private static Set<String> deviceType(PolicyContext ctx) throws DmException {
    return ctx.read(DEV_TYP).map(NodeValue::text).map(Set::of).orElse(Set.of());
  }

  /** How a property's current values are read. */
  interface Reading {
    Set<String> values(PolicyContext context) throws DmException;
  }

  /** Holds when the property has (eq) or lacks (ne) the value, letter case aside. */
  record Property(Operator op, String value, Set<NodeUri> watchedNodes, Reading reading)
      implements PolicyCondition {
    @Override
    public boolean holds(PolicyContext context) throws DmException {
      boolean has =
          reading.values(context).stream().anyMatch(v -> v.equalsIgnoreCase(value.strip()));
      return op == Operator.EQ ? has : !has;
    }

    @Override
    public Optional<java.time.Instant> nextTimeChange(java.time.Instant now) {
      return Optional.empty();
    }
  }
}
