package com.acme.gateway.cabinet;

import io.dmagent.api.policy.PolicyCondition;
import io.dmagent.api.policy.PolicyConditionType;
import io.dmagent.api.policy.PolicyContext;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.StatusCode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * The policy condition {@value #NAME}: holds while the cabinet is warmer than {@code Celsius}.
 * Parameters (leaves of the policy's condition node): {@code Celsius}, a decimal in [-40, 125],
 * required; {@code Period}, seconds between readings, 5 to 3600, 30 by default.
 */
@Component(property = PolicyConditionType.TYPE + "=" + TemperatureAboveType.NAME)
public final class TemperatureAboveType implements PolicyConditionType {
  public static final String NAME = "acme.temperature.above";

  private static final BigDecimal LOWEST = new BigDecimal(-40);
  private static final BigDecimal HIGHEST = new BigDecimal(125);

  @Override
  public PolicyCondition create(Map<String, String> parameters, PolicyContext context)
      throws DmException {
    return new TemperatureAbove(celsius(parameters.get("Celsius")), period(parameters));
  }

  private static BigDecimal celsius(String text) throws DmException {
    if (text == null || text.isBlank()) {
      throw new DmException(StatusCode.BAD_REQUEST, NAME + ": parameter Celsius is missing");
    }
    BigDecimal celsius;
    try {
      celsius = new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      throw new DmException(StatusCode.BAD_REQUEST, NAME + ": parameter Celsius is no number");
    }
    if (celsius.compareTo(LOWEST) < 0 || celsius.compareTo(HIGHEST) > 0) {
      throw new DmException(
          StatusCode.BAD_REQUEST, NAME + ": parameter Celsius is outside [-40, 125]");
    }
    return celsius;
  }

  private static Duration period(Map<String, String> parameters) throws DmException {
    String text = parameters.getOrDefault("Period", "30").trim();
    try {
      long seconds = Long.parseLong(text);
      if (seconds >= 5 && seconds <= 3600) {
        return Duration.ofSeconds(seconds);
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new DmException(
        StatusCode.BAD_REQUEST, NAME + ": parameter Period is not 5 to 3600 seconds");
  }
}
