package io.dmagent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A policy downloaded as TNDS watches a value, acts on the tree and records what it did. */
class DownloadAndRunTest {
  private Gateway gw;

  @BeforeEach
  void gateway() throws Exception {
    gw = Gateway.inMemory();
    gw.device().addLeaf(NodeUri.of("./Vendor/Door/Input"), NodeValue.of("0", NodeFormat.INT));
    gw.device()
        .addLeaf(NodeUri.of("./Vendor/Relay/Output"), NodeValue.of("false", NodeFormat.BOOL));
  }

  @AfterEach
  void close() throws Exception {
    gw.close();
  }

  static Tnds doorRelay() {
    return Tnds.policy("door-relay")
        .condition(
            "door-open",
            "compare",
            "Node",
            "./Vendor/Door/Input",
            "Operator",
            "eq",
            "Value",
            "1",
            "Hold",
            "PT5S")
        .action("1", "replace", "Target", "./Vendor/Relay/Output", "Value", "true");
  }

  @Test
  void a_policy_downloaded_as_tnds_acts_once_the_value_was_held_for_its_duration()
      throws Exception {
    gw.addTnds(Gateway.SERVER, "./MgmtPolicy/Policies", doorRelay().xml());
    assertThat(gw.status("door-relay")).contains("active");
    assertThat(gw.value("./MgmtPolicy/Policies/door-relay/Owner")).contains(Gateway.SERVER);

    gw.replace("./Vendor/Door/Input", NodeValue.of("1", NodeFormat.INT));
    gw.advance(Duration.ofSeconds(4));
    assertThat(gw.value("./Vendor/Relay/Output")).contains("false");

    gw.advance(Duration.ofSeconds(1));
    assertThat(gw.value("./Vendor/Relay/Output")).contains("true");
    assertThat(gw.outcomes("door-relay")).containsExactly("done");
    assertThat(gw.details("door-relay").get(0))
        .contains("1: replace ./Vendor/Relay/Output = 'true'");
  }

  @Test
  void a_value_that_drops_before_its_hold_ends_does_not_act() throws Exception {
    gw.addTnds(Gateway.SERVER, "./MgmtPolicy/Policies", doorRelay().xml());

    gw.replace("./Vendor/Door/Input", NodeValue.of("1", NodeFormat.INT));
    gw.advance(Duration.ofSeconds(3));
    gw.replace("./Vendor/Door/Input", NodeValue.of("0", NodeFormat.INT));
    gw.advance(Duration.ofSeconds(10));

    assertThat(gw.value("./Vendor/Relay/Output")).contains("false");
    assertThat(gw.outcomes("door-relay")).isEmpty();
  }

  @Test
  void a_condition_that_keeps_holding_acts_once_until_it_stops_holding() throws Exception {
    gw.addTnds(Gateway.SERVER, "./MgmtPolicy/Policies", doorRelay().xml());
    gw.replace("./Vendor/Door/Input", NodeValue.of("1", NodeFormat.INT));
    gw.advance(Duration.ofSeconds(6));
    gw.device()
        .replace(NodeUri.of("./Vendor/Relay/Output"), NodeValue.of("false", NodeFormat.BOOL));
    gw.advance(Duration.ofSeconds(60));

    assertThat(gw.outcomes("door-relay")).containsExactly("done");

    gw.replace("./Vendor/Door/Input", NodeValue.of("0", NodeFormat.INT));
    gw.replace("./Vendor/Door/Input", NodeValue.of("1", NodeFormat.INT));
    gw.advance(Duration.ofSeconds(5));
    assertThat(gw.outcomes("door-relay")).containsExactly("done", "done");
  }

  @Test
  void results_keep_the_latest_executions_only() throws Exception {
    gw.addTnds(
        Gateway.SERVER,
        "./MgmtPolicy/Policies",
        Tnds.policy("counter")
            .condition("changed", "change", "Node", "./Vendor/Door/Input")
            .action("1", "get", "Target", "./Vendor/Door/Input")
            .xml());

    for (int i = 1; i <= 7; i++) {
      gw.advance(Duration.ofSeconds(30)); // away from the throttle
      gw.replace("./Vendor/Door/Input", NodeValue.of(Integer.toString(i), NodeFormat.INT));
    }

    assertThat(gw.children("./MgmtPolicy/Policies/counter/Results"))
        .containsExactlyInAnyOrder("3", "4", "5", "6", "7");
    assertThat(gw.details("counter").get(4)).contains("get ./Vendor/Door/Input = '7'");
  }
}
