package com.acme.gateway.cabinet;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * One reading of the cabinet's sensor: the temperature in degrees Celsius, or why there is none.
 *
 * @param source the sensor file
 */
record Reading(Optional<BigDecimal> celsius, String source, String problem) {
  static Reading of(BigDecimal celsius, String source) {
    return new Reading(Optional.of(celsius), source, "");
  }

  static Reading failed(String source, String problem) {
    return new Reading(Optional.empty(), source, problem);
  }

  /** The value of the {@code Temperature} leaf: degrees with one decimal, empty without one. */
  String text() {
    return celsius.map(BigDecimal::toPlainString).orElse("");
  }
}
