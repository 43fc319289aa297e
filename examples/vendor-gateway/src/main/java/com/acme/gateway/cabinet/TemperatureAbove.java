package com.acme.gateway.cabinet;

import io.dmagent.api.policy.PolicyCondition;
import io.dmagent.api.policy.PolicyContext;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.StatusCode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The cabinet is warmer than a threshold. The temperature is a live leaf (no tree change tells when
 * it moves), so the condition names the next reading time; it reads the leaf with the rights of the
 * policy's owner, like any other node.
 */
final class TemperatureAbove implements PolicyCondition {
  private final BigDecimal threshold;
  private final Duration period;

  TemperatureAbove(BigDecimal threshold, Duration period) {
    this.threshold = threshold;
    this.period = period;
  }

  @Override
  public Set<NodeUri> watchedNodes() {
    return Set.of(CabinetObject.TEMPERATURE);
  }

  @Override
  public Optional<Instant> nextTimeChange(Instant now) {
    return Optional.of(now.plus(period));
  }

  @Override
  public boolean holds(PolicyContext context) throws DmException {
    Optional<NodeValue> value = context.read(CabinetObject.TEMPERATURE);
    if (value.isEmpty()) {
      throw new DmException(StatusCode.NOT_FOUND, CabinetObject.TEMPERATURE + " does not exist");
    }
    String text = value.get().text();
    if (text.isEmpty()) {
      throw new DmException(StatusCode.COMMAND_FAILED, "the cabinet's sensor gives no reading");
    }
    try {
      return new BigDecimal(text).compareTo(threshold) > 0;
    } catch (NumberFormatException e) {
      throw new DmException(
          StatusCode.COMMAND_NOT_ALLOWED, CabinetObject.TEMPERATURE + " holds no number");
    }
  }

  @Override
  public String toString() {
    return TemperatureAboveType.NAME + " " + threshold.toPlainString() + " °C";
  }
}
