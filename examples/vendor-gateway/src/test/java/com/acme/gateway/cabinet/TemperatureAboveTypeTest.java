package com.acme.gateway.cabinet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.policy.PolicyCondition;
import io.dmagent.api.policy.PolicyContext;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TemperatureAboveTypeTest {
  private static final Instant NOW = Instant.parse("2026-12-07T19:00:00Z");

  /** What the policy engine hands a condition: here, the tree holds one temperature leaf. */
  private record Context(Optional<NodeValue> temperature) implements PolicyContext {
    @Override
    public NodeUri policy() {
      return NodeUri.of("./MgmtPolicy/Policies/cabinet-hot");
    }

    @Override
    public Principal owner() {
      return Principal.server("acme-dms");
    }

    @Override
    public Instant now() {
      return NOW;
    }

    @Override
    public Optional<NodeValue> read(NodeUri uri) {
      return uri.equals(CabinetObject.TEMPERATURE) ? temperature : Optional.empty();
    }
  }

  private static Context at(String celsius) {
    return new Context(Optional.of(NodeValue.text(celsius)));
  }

  private final TemperatureAboveType type = new TemperatureAboveType();

  @Test
  void holds_only_while_the_cabinet_is_warmer_than_the_threshold() throws Exception {
    PolicyCondition above40 = type.create(Map.of("Celsius", "40"), at("0"));

    assertThat(above40.holds(at("40.1"))).isTrue();
    assertThat(above40.holds(at("40.0"))).isFalse();
    assertThat(above40.holds(at("-3.5"))).isFalse();
  }

  @Test
  void watches_the_temperature_leaf_and_asks_to_be_evaluated_again_after_its_period()
      throws Exception {
    PolicyCondition c = type.create(Map.of("Celsius", "40", "Period", "60"), at("0"));

    assertThat(c.watchedNodes()).containsExactly(CabinetObject.TEMPERATURE);
    assertThat(c.nextTimeChange(NOW)).hasValue(NOW.plusSeconds(60));
    assertThat(type.create(Map.of("Celsius", "40"), at("0")).nextTimeChange(NOW))
        .hasValue(NOW.plusSeconds(30));
  }

  @Test
  void a_policy_with_a_bad_parameter_is_refused_with_400_naming_it() {
    for (Map<String, String> bad :
        java.util.List.of(
            Map.<String, String>of(),
            Map.of("Celsius", "warm"),
            Map.of("Celsius", "300"),
            Map.of("Celsius", "40", "Period", "1"),
            Map.of("Celsius", "40", "Period", "soon"))) {
      assertThatThrownBy(() -> type.create(bad, at("0")))
          .as(bad.toString())
          .isInstanceOfSatisfying(
              DmException.class,
              e -> {
                assertThat(e.status()).isEqualTo(StatusCode.BAD_REQUEST);
                assertThat(e.getMessage())
                    .contains(bad.containsKey("Period") ? "Period" : "Celsius");
              });
    }
  }

  @Test
  void no_reading_is_a_failed_evaluation_not_a_false_one() throws Exception {
    PolicyCondition c = type.create(Map.of("Celsius", "40"), at("0"));

    assertThatThrownBy(() -> c.holds(at("")))
        .isInstanceOfSatisfying(
            DmException.class, e -> assertThat(e.status()).isEqualTo(StatusCode.COMMAND_FAILED));
    assertThatThrownBy(() -> c.holds(new Context(Optional.empty())))
        .isInstanceOfSatisfying(
            DmException.class, e -> assertThat(e.status()).isEqualTo(StatusCode.NOT_FOUND));
  }
}
