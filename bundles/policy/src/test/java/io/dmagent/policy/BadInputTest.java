package io.dmagent.policy;

import static io.dmagent.policy.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.StatusCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Policies that cannot run are refused at download with the status of what is wrong and one log
 * line, and nothing of them is stored; the engine goes on with the others.
 */
class BadInputTest {
  static final String INPUT = "./Vendor/Door/Input";
  static final String OUTPUT = "./Vendor/Relay/Output";
  private Gateway gw;

  @BeforeEach
  void gateway() throws Exception {
    gw = Gateway.inMemory();
    gw.device().addLeaf(NodeUri.of(INPUT), NodeValue.of("0", NodeFormat.INT));
    gw.device().addLeaf(NodeUri.of(OUTPUT), NodeValue.of("false", NodeFormat.BOOL));
    gw.device().addLeaf(NodeUri.of("./Vendor/Door/Label"), NodeValue.text("front"));
  }

  @AfterEach
  void close() throws Exception {
    gw.close();
  }

  private static Tnds policy(String... condition) {
    return Tnds.policy("p")
        .condition("c", "compare", condition)
        .action("1", "replace", "Target", OUTPUT, "Value", "true");
  }

  private void refusedAtDownload(StatusCode status, Tnds policy, String logged) {
    refused(status, () -> gw.addTnds(Gateway.SERVER, "./MgmtPolicy/Policies", policy.xml()));
    assertThat(gw.log)
        .anyMatch(l -> l.contains("policy ./MgmtPolicy/Policies/p refused") && l.contains(logged));
    assertThat(gw.log.stream().filter(l -> l.contains("policy ./MgmtPolicy/Policies/p refused")))
        .hasSize(1);
    try {
      assertThat(gw.children("./MgmtPolicy/Policies")).doesNotContain("p");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void an_unknown_condition_type_is_refused_with_400() {
    refusedAtDownload(
        StatusCode.BAD_REQUEST,
        Tnds.policy("p")
            .condition("c", "acme.humidity.above", "Percent", "80")
            .action("1", "replace", "Target", OUTPUT, "Value", "true"),
        "unknown condition type 'acme.humidity.above'");
  }

  @Test
  void an_unknown_action_type_is_refused_with_400() {
    refusedAtDownload(
        StatusCode.BAD_REQUEST,
        Tnds.policy("p")
            .condition("c", "change", "Node", INPUT)
            .action("1", "reboot", "Target", OUTPUT),
        "unknown action type 'reboot'");
  }

  @Test
  void a_comparison_whose_value_does_not_fit_the_nodes_format_is_refused_with_405() {
    refusedAtDownload(
        StatusCode.COMMAND_NOT_ALLOWED,
        policy("Node", INPUT, "Operator", "gt", "Value", "warm"),
        "ill-typed comparison");
  }

  @Test
  void an_ordering_of_text_is_refused_with_405() {
    refusedAtDownload(
        StatusCode.COMMAND_NOT_ALLOWED,
        policy("Node", "./Vendor/Door/Label", "Operator", "lt", "Value", "m"),
        "no lt on it");
  }

  @Test
  void a_watched_node_that_is_not_there_is_refused_with_404() {
    refusedAtDownload(
        StatusCode.NOT_FOUND,
        policy("Node", "./Vendor/Door/Nothing", "Operator", "eq", "Value", "1"),
        "./Vendor/Door/Nothing is missing");
  }

  @Test
  void an_action_on_a_node_that_is_not_there_is_refused_with_404() {
    refusedAtDownload(
        StatusCode.NOT_FOUND,
        Tnds.policy("p")
            .condition("c", "change", "Node", INPUT)
            .action("1", "replace", "Target", "./Vendor/Relay/Nothing", "Value", "1"),
        "./Vendor/Relay/Nothing is missing");
  }

  @Test
  void an_action_writing_the_node_its_condition_watches_is_a_cycle_refused_with_400() {
    refusedAtDownload(
        StatusCode.BAD_REQUEST,
        Tnds.policy("p")
            .condition("c", "compare", "Node", INPUT, "Operator", "eq", "Value", "1")
            .action("1", "replace", "Target", INPUT, "Value", "0"),
        "cycle: action 1 writes ./Vendor/Door/Input");
  }

  @Test
  void an_unknown_operator_is_refused_with_400() {
    refusedAtDownload(
        StatusCode.BAD_REQUEST,
        policy("Node", INPUT, "Operator", "approx", "Value", "1"),
        "unknown operator 'approx'");
  }

  @Test
  void a_misspelt_parameter_is_refused_rather_than_ignored() {
    refusedAtDownload(
        StatusCode.BAD_REQUEST,
        policy("Node", INPUT, "Operator", "eq", "Value", "1", "Hodl", "PT5S"),
        "has no parameter 'Hodl'");
  }

  @Test
  void conditions_that_refer_to_each_other_in_a_loop_are_refused_with_400() {
    refusedAtDownload(
        StatusCode.BAD_REQUEST,
        Tnds.policy("p")
            .leaf("Trigger", "a")
            .condition("a", "and", "Operands", "b")
            .condition("b", "not", "Operands", "a")
            .action("1", "replace", "Target", OUTPUT, "Value", "true"),
        "loop");
  }

  @Test
  void an_unknown_failure_mode_is_refused_with_400() {
    refusedAtDownload(
        StatusCode.BAD_REQUEST,
        policy("Node", INPUT, "Operator", "eq", "Value", "1").leaf("OnFailure", "retry"),
        "OnFailure is 'retry'");
  }

  @Test
  void a_value_an_action_cannot_write_in_its_format_is_refused_with_405() {
    refusedAtDownload(
        StatusCode.COMMAND_NOT_ALLOWED,
        Tnds.policy("p")
            .condition("c", "change", "Node", INPUT)
            .action("1", "replace", "Target", OUTPUT, "Value", "maybe"),
        "ill-typed value for ./Vendor/Relay/Output");
  }

  @Test
  void the_engine_goes_on_after_refusals_and_after_a_failing_condition() throws Exception {
    refused(
        StatusCode.BAD_REQUEST,
        () ->
            gw.addTnds(
                Gateway.SERVER,
                "./MgmtPolicy/Policies",
                policy("Node", INPUT, "Operator", "eq", "Value", "1")
                    .leaf("Report", "carrier-pigeon")
                    .xml()));
    gw.addTnds(
        Gateway.SERVER,
        "./MgmtPolicy/Policies",
        policy("Node", INPUT, "Operator", "eq", "Value", "1").xml());

    // The watched node changes its Format under the policy: a failed result, not a crash.
    gw.replace(INPUT, NodeValue.text("open"));
    assertThat(gw.outcomes("p")).containsExactly("failed");
    assertThat(gw.details("p").get(0)).contains("is now chr, was int");
    gw.replace(INPUT, NodeValue.text("still open"));
    assertThat(gw.outcomes("p")).as("the same failure is recorded once").hasSize(1);

    gw.replace(INPUT, NodeValue.of("1", NodeFormat.INT));
    assertThat(gw.value(OUTPUT)).contains("true");
    assertThat(gw.outcomes("p")).containsExactly("failed", "done");
  }
}
