package io.dmagent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Simple conditions (MP-01) on values, changes, time and system properties (IOP-01), combined into
 * nested compound ones (MP-03); evaluated on changes and at the instants they name, never polled.
 */
class ConditionsTest {
  static final String TEMP = "./Vendor/Sensor/Temp";
  static final String DOOR = "./Vendor/Door/Open";
  static final String MODE = "./Vendor/Sensor/Mode";
  static final String OUTPUT = "./Vendor/Relay/Output";
  private Gateway gw;

  @BeforeEach
  void gateway() throws Exception {
    gw = Gateway.inMemory(); // 2026-12-07T10:00:00Z, a Monday, UTC
    gw.device().addLeaf(NodeUri.of(TEMP), NodeValue.of("20.5", NodeFormat.FLOAT));
    gw.device().addLeaf(NodeUri.of(DOOR), NodeValue.of("false", NodeFormat.BOOL));
    gw.device().addLeaf(NodeUri.of(MODE), NodeValue.text("auto"));
    gw.device().addLeaf(NodeUri.of(OUTPUT), NodeValue.of("0", NodeFormat.INT));
  }

  @AfterEach
  void close() throws Exception {
    gw.close();
  }

  private void download(Tnds policy) throws Exception {
    gw.addTnds(Gateway.SERVER, "./MgmtPolicy/Policies", policy.xml());
  }

  private static Tnds counting(String name) {
    return Tnds.policy(name).action("1", "get", "Target", TEMP);
  }

  @Test
  void a_simple_condition_compares_a_float_with_its_operator() throws Exception {
    download(
        counting("hot").condition("c", "compare", "Node", TEMP, "Operator", ">=", "Value", "30"));

    gw.replace(TEMP, NodeValue.of("29.9", NodeFormat.FLOAT));
    assertThat(gw.outcomes("hot")).isEmpty();
    gw.replace(TEMP, NodeValue.of("30.0", NodeFormat.FLOAT));
    assertThat(gw.outcomes("hot")).containsExactly("done");
  }

  @Test
  void bool_and_chr_values_compare_by_equality() throws Exception {
    download(
        counting("open")
            .condition("c", "compare", "Node", DOOR, "Operator", "eq", "Value", "true"));
    download(
        counting("manual")
            .condition("c", "compare", "Node", MODE, "Operator", "ne", "Value", "auto"));

    gw.replace(DOOR, NodeValue.of("true", NodeFormat.BOOL));
    gw.replace(MODE, NodeValue.text("manual"));

    assertThat(gw.outcomes("open")).containsExactly("done");
    assertThat(gw.outcomes("manual")).containsExactly("done");
  }

  @Test
  void a_change_condition_holds_at_each_change_of_the_value() throws Exception {
    download(counting("moved").condition("c", "change", "Node", MODE));

    gw.replace(MODE, NodeValue.text("manual"));
    gw.replace(MODE, NodeValue.text("off"));
    gw.replace(MODE, NodeValue.text("off"));

    assertThat(gw.outcomes("moved")).containsExactly("done", "done");
  }

  @Test
  void nested_compound_conditions_combine_and_or_not() throws Exception {
    // (hot or door open) and not manual
    download(
        counting("alarm")
            .leaf("Trigger", "alarm")
            .condition("alarm", "and", "Operands", "hot-or-open, not-manual")
            .condition("hot-or-open", "or", "Operands", "hot,open")
            .condition("not-manual", "not", "Operands", "manual")
            .condition("hot", "compare", "Node", TEMP, "Operator", "gt", "Value", "30")
            .condition("open", "compare", "Node", DOOR, "Operator", "eq", "Value", "true")
            .condition("manual", "compare", "Node", MODE, "Operator", "eq", "Value", "manual"));

    gw.replace(MODE, NodeValue.text("manual"));
    gw.replace(DOOR, NodeValue.of("true", NodeFormat.BOOL));
    assertThat(gw.outcomes("alarm")).isEmpty();

    gw.replace(MODE, NodeValue.text("auto"));
    assertThat(gw.outcomes("alarm")).containsExactly("done");
  }

  @Test
  void a_schedule_acts_at_each_interval_without_polling_between() throws Exception {
    download(counting("hourly").condition("c", "time", "Every", "PT1H"));
    assertThat(gw.scheduler.pendingTimers()).isEqualTo(1);

    gw.advance(Duration.ofMinutes(59));
    assertThat(gw.outcomes("hourly")).isEmpty();
    gw.advance(Duration.ofMinutes(1));
    gw.advance(Duration.ofHours(2));

    assertThat(gw.outcomes("hourly")).containsExactly("done", "done", "done");
    assertThat(gw.scheduler.pendingTimers()).isEqualTo(1);
  }

  @Test
  void a_daily_window_and_week_days_bound_a_value_condition() throws Exception {
    download(
        counting("office-hot")
            .leaf("Trigger", "both")
            .condition("both", "and", "Operands", "hot,office")
            .condition("hot", "compare", "Node", TEMP, "Operator", "gt", "Value", "25")
            .condition("office", "time", "From", "12:00", "To", "18:00", "Days", "MON,TUE"));

    gw.replace(TEMP, NodeValue.of("28", NodeFormat.FLOAT));
    assertThat(gw.outcomes("office-hot")).as("10:00, before the window").isEmpty();

    gw.advance(Duration.ofHours(2));
    assertThat(gw.outcomes("office-hot")).as("12:00, the window opens").containsExactly("done");

    gw.advance(Duration.ofHours(7)); // 19:00: out of the window
    gw.replace(TEMP, NodeValue.of("20", NodeFormat.FLOAT));
    gw.replace(TEMP, NodeValue.of("28", NodeFormat.FLOAT));
    assertThat(gw.outcomes("office-hot")).hasSize(1);
  }

  @Test
  void dates_bound_a_condition_to_a_period() throws Exception {
    download(
        counting("december")
            .condition("c", "time", "After", "2026-12-08", "Before", "2026-12-09T00:00:00Z"));

    gw.advance(Duration.ofHours(13)); // 23:00 on the 7th
    assertThat(gw.outcomes("december")).isEmpty();
    gw.advance(Duration.ofHours(1));
    assertThat(gw.outcomes("december")).containsExactly("done");
    assertThat(gw.scheduler.pendingTimers()).as("woken when the period ends").isEqualTo(1);
  }

  @Test
  void system_properties_device_type_location_and_network_type_are_conditions() throws Exception {
    download(
        counting("site")
            .leaf("Trigger", "all")
            .condition("all", "and", "Operands", "type,where,net,hot")
            .condition("type", "system", "Property", "DeviceType", "Value", "gateway")
            .condition("where", "system", "Property", "Location", "Value", "site-12")
            .condition(
                "net", "system", "Property", "NetworkType", "Operator", "ne", "Value", "cellular")
            .condition("hot", "compare", "Node", TEMP, "Operator", "gt", "Value", "25"));

    gw.replace(TEMP, NodeValue.of("28", NodeFormat.FLOAT));
    assertThat(gw.outcomes("site")).containsExactly("done");

    gw.replace(TEMP, NodeValue.of("20", NodeFormat.FLOAT));
    gw.replace("./DevDetail/DevTyp", "router");
    gw.replace(TEMP, NodeValue.of("28", NodeFormat.FLOAT));
    assertThat(gw.outcomes("site")).as("DevTyp no longer gateway").hasSize(1);
  }

  @Test
  void a_value_condition_needs_no_timer() throws Exception {
    download(
        counting("hot").condition("c", "compare", "Node", TEMP, "Operator", "gt", "Value", "25"));
    gw.replace(TEMP, NodeValue.of("28", NodeFormat.FLOAT));

    assertThat(gw.scheduler.pendingTimers()).isZero();
  }
}
