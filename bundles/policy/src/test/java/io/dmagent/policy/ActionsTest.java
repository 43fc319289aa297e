package io.dmagent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Actions are DM commands run locally on the tree (Device-02): simple ones (MP-02), ordered lists
 * with a stated behaviour on failure (MP-04), related objects bound in one transaction (HLF-6), and
 * a policy made of a compound condition and a compound action (MP-05, HLF-8, HLF-9).
 */
class ActionsTest {
  static final String TRIGGER = "./Vendor/Trigger";
  private Gateway gw;
  private Lamp lamp;

  @BeforeEach
  void gateway() throws Exception {
    gw = Gateway.inMemory();
    lamp = new Lamp();
    gw.tree.graft(lamp);
    gw.device().replace(NodeUri.of("./Vendor/Lamp/Level"), NodeValue.of("0", NodeFormat.INT));
    gw.device().addLeaf(NodeUri.of(TRIGGER), NodeValue.of("0", NodeFormat.INT));
    gw.device().addLeaf(NodeUri.of("./Vendor/Cfg/Old"), NodeValue.text("obsolete"));
    gw.device().addLeaf(NodeUri.of("./Vendor/Cfg/Server"), NodeValue.text("dm.example.net"));
    gw.device().addLeaf(NodeUri.of("./Vendor/Cfg/Port"), NodeValue.of("443", NodeFormat.INT));
    gw.device()
        .replaceProperty(
            NodeUri.of("./Vendor/Cfg"),
            io.dmagent.api.tree.NodeProperty.ACL,
            "Add=*&Delete=*&Get=*&Replace=*");
  }

  @AfterEach
  void close() throws Exception {
    gw.close();
  }

  private void fire() throws Exception {
    gw.replace(TRIGGER, NodeValue.of("1", NodeFormat.INT));
  }

  private static Tnds onTrigger(String name) {
    return Tnds.policy(name)
        .condition("go", "compare", "Node", TRIGGER, "Operator", "eq", "Value", "1");
  }

  @Test
  void every_dm_command_runs_as_an_action_on_the_local_tree() throws Exception {
    gw.addTnds(
        Gateway.SERVER,
        "./MgmtPolicy/Policies",
        onTrigger("all-commands")
            .action("1", "add", "Target", "./Vendor/Cfg/Backup", "Value", "on")
            .action("2", "replace", "Target", "./Vendor/Lamp/Level", "Value", "80")
            .action("3", "delete", "Target", "./Vendor/Cfg/Old")
            .action("4", "exec", "Target", "./Vendor/Lamp/Blink", "Data", "3")
            .action("5", "copy", "Source", "./Vendor/Cfg/Server", "Target", "./Vendor/Cfg/Backup")
            .action("6", "get", "Target", "./Vendor/Lamp/Level")
            .xml());

    fire();

    assertThat(gw.outcomes("all-commands")).containsExactly("done");
    assertThat(gw.value("./Vendor/Cfg/Backup")).contains("dm.example.net");
    assertThat(gw.value("./Vendor/Lamp/Level")).contains("80");
    assertThat(gw.value("./Vendor/Cfg/Old")).isEmpty();
    assertThat(lamp.execs).containsExactly("Blink 3 by server acme-dm");
    assertThat(gw.details("all-commands").get(0))
        .contains("1: add ./Vendor/Cfg/Backup")
        .contains("4: exec ./Vendor/Lamp/Blink: 200")
        .contains("6: get ./Vendor/Lamp/Level = '80'");
  }

  @Test
  void actions_run_in_the_order_of_their_numbers() throws Exception {
    gw.addTnds(
        Gateway.SERVER,
        "./MgmtPolicy/Policies",
        onTrigger("ordered")
            .action("10", "replace", "Target", "./Vendor/Lamp/Level", "Value", "10")
            .action("2", "replace", "Target", "./Vendor/Lamp/Level", "Value", "2")
            .xml());

    fire();

    assertThat(gw.value("./Vendor/Lamp/Level")).contains("10");
  }

  @Test
  void a_failed_action_stops_the_rest_unless_the_policy_says_continue() throws Exception {
    lamp.failExec = true;
    gw.addTnds(
        Gateway.SERVER,
        "./MgmtPolicy/Policies",
        onTrigger("stops")
            .action("1", "exec", "Target", "./Vendor/Lamp/Blink")
            .action("2", "replace", "Target", "./Vendor/Cfg/Port", "Value", "8443")
            .xml());
    gw.addTnds(
        Gateway.SERVER,
        "./MgmtPolicy/Policies",
        onTrigger("goes-on")
            .leaf("OnFailure", "continue")
            .action("1", "exec", "Target", "./Vendor/Lamp/Blink")
            .action("2", "replace", "Target", "./Vendor/Lamp/Level", "Value", "55")
            .xml());

    fire();

    assertThat(gw.value("./Vendor/Cfg/Port")).contains("443");
    assertThat(gw.outcomes("stops")).containsExactly("failed");
    assertThat(gw.details("stops").get(0))
        .contains("1: failed 500: the lamp is broken")
        .contains("2: not run (OnFailure stop)");
    assertThat(gw.value("./Vendor/Lamp/Level")).contains("55");
    assertThat(gw.outcomes("goes-on")).containsExactly("failed");
  }

  @Test
  void related_objects_bound_in_one_action_change_together_or_not_at_all() throws Exception {
    gw.addTnds(
        Gateway.SERVER,
        "./MgmtPolicy/Policies",
        onTrigger("move-server")
            .action("1", "atomic", "Steps", "2,3")
            .action("2", "replace", "Target", "./Vendor/Cfg/Server", "Value", "dm2.example.net")
            .action("3", "replace", "Target", "./Vendor/Cfg/Port", "Value", "8443")
            .xml());
    gw.device().delete(NodeUri.of("./Vendor/Cfg/Port")); // the second step will fail

    fire();

    assertThat(gw.outcomes("move-server")).containsExactly("failed");
    assertThat(gw.value("./Vendor/Cfg/Server"))
        .as("rolled back with the failed step")
        .contains("dm.example.net");

    gw.device().addLeaf(NodeUri.of("./Vendor/Cfg/Port"), NodeValue.of("443", NodeFormat.INT));
    gw.replace(TRIGGER, NodeValue.of("0", NodeFormat.INT));
    fire();

    assertThat(gw.outcomes("move-server")).containsExactly("failed", "done");
    assertThat(gw.value("./Vendor/Cfg/Server")).contains("dm2.example.net");
    assertThat(gw.value("./Vendor/Cfg/Port")).contains("8443");
    assertThat(gw.details("move-server").get(1))
        .startsWith("1: atomic [replace ./Vendor/Cfg/Server");
  }
}
