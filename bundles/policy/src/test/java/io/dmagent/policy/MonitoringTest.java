package io.dmagent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.policy.PolicyAction;
import io.dmagent.api.policy.PolicyActionType;
import io.dmagent.api.policy.PolicyCondition;
import io.dmagent.api.policy.PolicyConditionType;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Continuous monitoring (Device-03) and extensions (OSR-02): types from other bundles work like the
 * built-in ones; a policy that sets itself off again is throttled; a missing type or node makes a
 * policy wait, not fail, until it comes back; one policy's failure never stops another.
 */
class MonitoringTest {
  static final String LEVEL = "./Vendor/Lamp/Level";
  private Gateway gw;
  private Lamp lamp;

  @BeforeEach
  void gateway() throws Exception {
    gw = Gateway.inMemory();
    lamp = new Lamp();
    gw.tree.graft(lamp);
    gw.device().replace(NodeUri.of(LEVEL), NodeValue.of("0", NodeFormat.INT));
  }

  @AfterEach
  void close() throws Exception {
    gw.close();
  }

  /** A vendor's condition: the lamp's level above a threshold (acme.lamp.bright). */
  static final class Bright implements PolicyConditionType {
    @Override
    public PolicyCondition create(
        java.util.Map<String, String> parameters, io.dmagent.api.policy.PolicyContext context)
        throws DmException {
      String t = parameters.get("Threshold");
      if (t == null || !t.matches("\\d+")) {
        throw new DmException(StatusCode.BAD_REQUEST, "Threshold must be a number");
      }
      int threshold = Integer.parseInt(t);
      return new PolicyCondition() {
        @Override
        public Set<NodeUri> watchedNodes() {
          return Set.of(NodeUri.of(LEVEL));
        }

        @Override
        public boolean holds(io.dmagent.api.policy.PolicyContext ctx) throws DmException {
          Optional<NodeValue> v = ctx.read(NodeUri.of(LEVEL));
          if (v.isEmpty()) {
            throw new DmException(StatusCode.NOT_FOUND, LEVEL + " is missing");
          }
          return Integer.parseInt(v.get().text()) > threshold;
        }
      };
    }
  }

  /**
   * A vendor's action that counts: adds one to its Target. What it writes is its own business, so
   * the engine cannot see statically that two policies set each other off.
   */
  final class Bump implements PolicyActionType {
    @Override
    public PolicyAction create(
        java.util.Map<String, String> parameters, io.dmagent.api.policy.PolicyContext context) {
      NodeUri target = NodeUri.of(parameters.get("Target"));
      return ctx -> {
        var ops = gw.tree.operations(ctx.owner());
        int next = Integer.parseInt(ops.get(target).value().orElseThrow().text()) + 1;
        ops.replace(target, NodeValue.of(Integer.toString(next), NodeFormat.INT));
        return "bumped " + target + " to " + next;
      };
    }
  }

  private static Tnds brightPolicy() {
    return Tnds.policy("bright")
        .condition("c", "acme.lamp.bright", "Threshold", "50")
        .action("1", "exec", "Target", "./Vendor/Lamp/Blink");
  }

  @Test
  void an_extension_condition_type_is_used_like_a_built_in_one() throws Exception {
    gw.policies.addConditionType("acme.lamp.bright", new Bright());
    gw.addTnds(Gateway.SERVER, "./MgmtPolicy/Policies", brightPolicy().xml());

    gw.replace(LEVEL, NodeValue.of("70", NodeFormat.INT));

    assertThat(lamp.execs).containsExactly("Blink  by server acme-dm");
  }

  @Test
  void an_extension_type_refuses_bad_parameters_when_the_policy_is_whole() throws Exception {
    gw.policies.addConditionType("acme.lamp.bright", new Bright());
    gw.addTnds(
        Gateway.SERVER,
        "./MgmtPolicy/Policies",
        Tnds.policy("bright")
            .leaf("State", "Inactive")
            .condition("c", "acme.lamp.bright", "Threshold", "very")
            .action("1", "exec", "Target", "./Vendor/Lamp/Blink")
            .xml());

    Refusals.refused(
        StatusCode.BAD_REQUEST,
        () ->
            gw.server()
                .exec(
                    NodeUri.of("./MgmtPolicy/Policies/bright/Activate"),
                    io.dmagent.api.tree.ExecRequest.none()));
    gw.server().replace(NodeUri.of("./MgmtPolicy/Policies/bright/State"), NodeValue.text("Active"));
    gw.settle();
    assertThat(gw.status("bright")).contains("refused: 400: Threshold must be a number");
    assertThat(gw.outcomes("bright")).containsExactly("refused");
  }

  @Test
  void a_built_in_type_name_cannot_be_taken_by_an_extension() {
    assertThat(gw.policies.addConditionType("compare", new Bright())).isFalse();
    assertThat(gw.policies.addConditionType("and", new Bright())).isFalse();
  }

  @Test
  void a_policy_whose_type_goes_away_waits_inactive_and_resumes_when_it_returns() throws Exception {
    Bright bright = new Bright();
    gw.policies.addConditionType("acme.lamp.bright", bright);
    gw.addTnds(Gateway.SERVER, "./MgmtPolicy/Policies", brightPolicy().xml());

    gw.policies.removeConditionType("acme.lamp.bright", bright);
    gw.settle();
    assertThat(gw.status("bright"))
        .hasValueSatisfying(s -> assertThat(s).startsWith("inactive: missing type"));
    assertThat(gw.outcomes("bright")).containsExactly("inactive: missing type");
    gw.replace(LEVEL, NodeValue.of("70", NodeFormat.INT));
    assertThat(lamp.execs).isEmpty();

    gw.replace(LEVEL, NodeValue.of("0", NodeFormat.INT));
    gw.policies.addConditionType("acme.lamp.bright", bright);
    gw.settle();
    assertThat(gw.status("bright")).contains("active");
    gw.replace(LEVEL, NodeValue.of("70", NodeFormat.INT));
    assertThat(lamp.execs).hasSize(1);
  }

  @Test
  void a_policy_whose_watched_node_goes_with_its_mo_waits_and_resumes_when_it_returns()
      throws Exception {
    gw.addTnds(
        Gateway.SERVER,
        "./MgmtPolicy/Policies",
        Tnds.policy("lamp-on")
            .condition("c", "compare", "Node", LEVEL, "Operator", "gt", "Value", "50")
            .action("1", "add", "Target", "./Vendor/Log/LampOn", "Value", "yes")
            .xml());

    gw.tree.ungraft(lamp);
    gw.policies.managementObjectRemoved(lamp);
    gw.settle();
    assertThat(gw.status("lamp-on"))
        .hasValueSatisfying(s -> assertThat(s).startsWith("inactive: missing node"));
    assertThat(gw.outcomes("lamp-on")).containsExactly("inactive: missing node");
    assertThat(gw.log).noneMatch(l -> l.contains("engine fault"));

    gw.tree.graft(lamp);
    gw.policies.managementObjectAdded(lamp);
    gw.settle();
    assertThat(gw.status("lamp-on")).contains("active");
    gw.replace(LEVEL, NodeValue.of("70", NodeFormat.INT));
    assertThat(gw.value("./Vendor/Log/LampOn")).contains("yes");
  }

  @Test
  void an_mo_that_goes_before_the_tree_withdrew_it_still_leaves_its_policies_waiting_for_a_node()
      throws Exception {
    gw.addTnds(
        Gateway.SERVER,
        "./MgmtPolicy/Policies",
        Tnds.policy("lamp-on")
            .condition("c", "compare", "Node", LEVEL, "Operator", "gt", "Value", "50")
            .action("1", "add", "Target", "./Vendor/Log/LampOn", "Value", "yes")
            .xml());

    gw.policies.managementObjectRemoved(lamp); // the engine hears of it first
    gw.settle();
    gw.tree.ungraft(lamp);

    assertThat(gw.status("lamp-on"))
        .hasValueSatisfying(s -> assertThat(s).startsWith("inactive: missing node"));
    assertThat(gw.outcomes("lamp-on")).containsExactly("inactive: missing node");
  }

  @Test
  void an_mo_that_comes_before_the_tree_grafted_it_resumes_its_policies_a_moment_later()
      throws Exception {
    gw.addTnds(
        Gateway.SERVER,
        "./MgmtPolicy/Policies",
        Tnds.policy("lamp-on")
            .condition("c", "compare", "Node", LEVEL, "Operator", "gt", "Value", "50")
            .action("1", "add", "Target", "./Vendor/Log/LampOn", "Value", "yes")
            .xml());
    gw.tree.ungraft(lamp);
    gw.policies.managementObjectRemoved(lamp);
    gw.settle();

    gw.policies.managementObjectAdded(lamp); // the engine hears of it first
    gw.settle();
    gw.tree.graft(lamp);
    assertThat(gw.status("lamp-on"))
        .hasValueSatisfying(s -> assertThat(s).startsWith("inactive: missing node"));
    gw.advance(PolicyEngine.GRAFT_SETTLE);

    assertThat(gw.status("lamp-on")).contains("active");
  }

  @Test
  void an_mo_the_tree_grafts_seconds_after_the_engine_heard_of_it_still_resumes_its_policies()
      throws Exception {
    gw.addTnds(
        Gateway.SERVER,
        "./MgmtPolicy/Policies",
        Tnds.policy("lamp-on")
            .condition("c", "compare", "Node", LEVEL, "Operator", "gt", "Value", "50")
            .action("1", "add", "Target", "./Vendor/Log/LampOn", "Value", "yes")
            .xml());
    gw.tree.ungraft(lamp);
    gw.policies.managementObjectRemoved(lamp);
    gw.settle();

    gw.policies.managementObjectAdded(lamp);
    gw.settle();
    // A loaded machine: the tree's own callback grafts the lamp 5 s later, its level already high.
    gw.advance(Duration.ofSeconds(5));
    assertThat(gw.status("lamp-on"))
        .hasValueSatisfying(s -> assertThat(s).startsWith("inactive: missing node"));
    gw.tree.graft(lamp);
    gw.device().replace(NodeUri.of(LEVEL), NodeValue.of("70", NodeFormat.INT));
    gw.advance(Duration.ofSeconds(8));

    assertThat(gw.status("lamp-on")).contains("active");
    assertThat(gw.value("./Vendor/Log/LampOn")).contains("yes");
  }

  @Test
  void the_graft_is_looked_for_no_longer_than_the_patience_allows() throws Exception {
    gw.addTnds(
        Gateway.SERVER,
        "./MgmtPolicy/Policies",
        Tnds.policy("lamp-on")
            .condition("c", "compare", "Node", LEVEL, "Operator", "gt", "Value", "50")
            .action("1", "add", "Target", "./Vendor/Log/LampOn", "Value", "yes")
            .xml());
    gw.tree.ungraft(lamp);
    gw.policies.managementObjectRemoved(lamp);
    gw.policies.managementObjectAdded(lamp); // never grafted
    gw.settle();

    gw.advance(PolicyEngine.GRAFT_PATIENCE.multipliedBy(2));

    assertThat(gw.scheduler.pendingTimers()).isZero();
  }

  @Test
  void policies_that_set_each_other_off_are_throttled_and_logged_once() throws Exception {
    gw.device().addLeaf(NodeUri.of("./Vendor/Ping"), NodeValue.of("0", NodeFormat.INT));
    gw.policies.addActionType("acme.bump", new Bump());
    gw.addTnds(
        Gateway.SERVER,
        "./MgmtPolicy/Policies",
        Tnds.policy("ping")
            .condition("c", "change", "Node", LEVEL)
            .action("1", "acme.bump", "Target", "./Vendor/Ping")
            .xml());
    gw.addTnds(
        Gateway.SERVER,
        "./MgmtPolicy/Policies",
        Tnds.policy("pong")
            .condition("c", "change", "Node", "./Vendor/Ping")
            .action("1", "acme.bump", "Target", LEVEL)
            .xml());

    gw.replace(LEVEL, NodeValue.of("1", NodeFormat.INT));
    for (int i = 0; i < 5; i++) {
      gw.settle();
    }

    // The throttle allows 4 executions per 10 s (the test's configuration), then suspends.
    assertThat(gw.outcomes("ping")).containsExactly("done", "done", "done", "done", "throttled");
    assertThat(gw.outcomes("pong")).containsExactly("done", "done", "done", "done");
    assertThat(gw.value(LEVEL)).contains("5");
    assertThat(gw.status("ping"))
        .hasValueSatisfying(s -> assertThat(s).startsWith("throttled until"));
    assertThat(
            gw.log.stream().filter(l -> l.contains("policy ./MgmtPolicy/Policies/ping throttled")))
        .hasSize(1);

    gw.advance(Duration.ofSeconds(10));
    gw.replace(LEVEL, NodeValue.of("100", NodeFormat.INT));
    for (int i = 0; i < 5; i++) {
      gw.settle();
    }
    assertThat(gw.outcomes("ping"))
        .as("runs again after the window")
        .contains("throttled")
        .hasSize(5);
    assertThat(
            gw.log.stream().filter(l -> l.contains("policy ./MgmtPolicy/Policies/ping throttled")))
        .as("logged once however often it recurs")
        .hasSize(1);
  }

  /** A policy that notes in the tree when the lamp is bright: it works whatever others do. */
  private void addBrightLogPolicy(String name) throws Exception {
    gw.addTnds(
        Gateway.SERVER,
        "./MgmtPolicy/Policies",
        Tnds.policy(name)
            .condition("c", "compare", "Node", LEVEL, "Operator", "gt", "Value", "50")
            .action("1", "add", "Target", "./Vendor/Log/Bright", "Value", "yes")
            .xml());
  }

  @Test
  void one_failing_policy_never_stops_another() throws Exception {
    lamp.failExec = true;
    gw.addTnds(
        Gateway.SERVER,
        "./MgmtPolicy/Policies",
        Tnds.policy("a-broken")
            .condition("c", "compare", "Node", LEVEL, "Operator", "gt", "Value", "50")
            .action("1", "exec", "Target", "./Vendor/Lamp/Blink")
            .xml());
    addBrightLogPolicy("b-fine");

    gw.replace(LEVEL, NodeValue.of("70", NodeFormat.INT));

    assertThat(gw.outcomes("a-broken")).containsExactly("failed");
    assertThat(gw.outcomes("b-fine")).containsExactly("done");
  }

  /** A vendor's condition type with a bug: its condition throws as it is evaluated. */
  static final class Throwing implements PolicyConditionType {
    private final Throwable fault;

    Throwing(Throwable fault) {
      this.fault = fault;
    }

    @Override
    public PolicyCondition create(
        java.util.Map<String, String> parameters, io.dmagent.api.policy.PolicyContext context) {
      return new PolicyCondition() {
        @Override
        public Set<NodeUri> watchedNodes() {
          return Set.of(NodeUri.of(LEVEL));
        }

        @Override
        public boolean holds(io.dmagent.api.policy.PolicyContext ctx) {
          if (fault instanceof Error e) {
            throw e;
          }
          throw (RuntimeException) fault;
        }
      };
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"runtime", "linkage"})
  void a_condition_that_throws_fails_its_own_policy_and_the_others_of_the_change_still_run(
      String kind) throws Exception {
    Throwable fault =
        kind.equals("runtime")
            ? new IllegalStateException("vendor bug")
            : new NoClassDefFoundError("com/acme/Gone");
    gw.policies.addConditionType("acme.broken", new Throwing(fault));
    gw.addTnds(
        Gateway.SERVER,
        "./MgmtPolicy/Policies",
        Tnds.policy("a-broken")
            .condition("c", "acme.broken")
            .action("1", "exec", "Target", "./Vendor/Lamp/Blink")
            .xml());
    addBrightLogPolicy("b-fine");

    gw.replace(LEVEL, NodeValue.of("70", NodeFormat.INT));

    assertThat(gw.outcomes("a-broken")).contains("failed");
    assertThat(gw.status("a-broken")).get().asString().contains("the condition threw " + fault);
    assertThat(gw.outcomes("b-fine")).containsExactly("done");
    assertThat(gw.log).noneMatch(l -> l.contains("engine fault"));
  }

  @Test
  void a_stopped_engine_acts_no_more() throws Exception {
    gw.addTnds(
        Gateway.SERVER,
        "./MgmtPolicy/Policies",
        Tnds.policy("lamp-on")
            .condition("c", "compare", "Node", LEVEL, "Operator", "gt", "Value", "50")
            .action("1", "add", "Target", "./Vendor/Log/LampOn", "Value", "yes")
            .xml());

    gw.policies.engine.stop();
    gw.replace(LEVEL, NodeValue.of("70", NodeFormat.INT));

    assertThat(gw.value("./Vendor/Log/LampOn")).isEmpty();
    assertThat(gw.scheduler.pendingTimers()).isZero();
  }

  @Test
  void a_device_owned_policy_reports_to_every_server() throws Exception {
    gw.device()
        .addTnds(
            NodeUri.of("./MgmtPolicy/Policies"),
            new io.dmagent.codec.description.DdfTndsCodec()
                .readTnds(
                    Tnds.policy("local")
                        .condition("c", "compare", "Node", LEVEL, "Operator", "gt", "Value", "50")
                        .action("1", "exec", "Target", "./Vendor/Lamp/Blink")
                        .xml()
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    io.dmagent.api.description.Encoding.XML));
    gw.settle();

    gw.replace(LEVEL, NodeValue.of("70", NodeFormat.INT));

    assertThat(gw.children("./MgmtPolicy/Policies/local")).contains("Owner");
    assertThat(gw.value("./MgmtPolicy/Policies/local/Owner").orElse("")).isEmpty();
    assertThat(lamp.execs).containsExactly("Blink  by " + Principal.device());
    assertThat(gw.alerts).singleElement().satisfies(q -> assertThat(q.server()).isEmpty());
  }
}
