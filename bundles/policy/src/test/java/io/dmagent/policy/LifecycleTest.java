package io.dmagent.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.testing.MutableClock;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.ExecRequest;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.api.tree.TreeOperations;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Download, update, activation, deactivation and removal by ordinary DM commands (HLF-1..4). */
class LifecycleTest {
  static final String P = "./MgmtPolicy/Policies/door-relay";
  static final NodeUri INPUT = NodeUri.of("./Vendor/Door/Input");
  static final NodeUri OUTPUT = NodeUri.of("./Vendor/Relay/Output");

  @TempDir Path dir;
  private Gateway gw;

  @BeforeEach
  void gateway() throws Exception {
    gw = Gateway.onFile(dir.resolve("tree.mv.db"), new MutableClock(Gateway.START));
    io(gw);
  }

  static void io(Gateway gw) throws DmException {
    gw.device().addLeaf(INPUT, NodeValue.of("0", NodeFormat.INT));
    gw.device().addLeaf(OUTPUT, NodeValue.of("false", NodeFormat.BOOL));
  }

  @AfterEach
  void close() throws Exception {
    gw.close();
  }

  private void doorOpensFor(Duration d) throws Exception {
    gw.replace(INPUT.toString(), NodeValue.of("1", NodeFormat.INT));
    gw.advance(d);
  }

  private void doorCloses() throws Exception {
    gw.replace(INPUT.toString(), NodeValue.of("0", NodeFormat.INT));
    gw.device().replace(OUTPUT, NodeValue.of("false", NodeFormat.BOOL));
  }

  @Test
  void a_policy_added_node_by_node_runs_once_it_is_whole() throws Exception {
    TreeOperations srv = gw.server();
    srv.addInterior(NodeUri.of(P), null);
    srv.addLeaf(NodeUri.of(P + "/Conditions/door/Type"), NodeValue.text("compare"));
    srv.addLeaf(NodeUri.of(P + "/Conditions/door/Node"), NodeValue.text(INPUT.toString()));
    srv.addLeaf(NodeUri.of(P + "/Conditions/door/Operator"), NodeValue.text("eq"));
    srv.addLeaf(NodeUri.of(P + "/Conditions/door/Value"), NodeValue.text("1"));
    srv.addLeaf(NodeUri.of(P + "/State"), NodeValue.text("Active"));
    gw.settle();
    assertThat(gw.status("door-relay")).hasValueSatisfying(s -> s.startsWith("refused: "));

    srv.addLeaf(NodeUri.of(P + "/Actions/1/Type"), NodeValue.text("replace"));
    srv.addLeaf(NodeUri.of(P + "/Actions/1/Target"), NodeValue.text(OUTPUT.toString()));
    srv.addLeaf(NodeUri.of(P + "/Actions/1/Value"), NodeValue.text("true"));
    gw.settle();

    assertThat(gw.status("door-relay")).contains("active");
    doorOpensFor(Duration.ZERO);
    assertThat(gw.value(OUTPUT.toString())).contains("true");
  }

  @Test
  void replacing_a_node_of_a_policy_updates_what_it_does() throws Exception {
    gw.addTnds(Gateway.SERVER, "./MgmtPolicy/Policies", DownloadAndRunTest.doorRelay().xml());

    gw.server().replace(NodeUri.of(P + "/Conditions/door-open/Hold"), NodeValue.text("PT60S"));
    gw.settle();
    doorOpensFor(Duration.ofSeconds(10));
    assertThat(gw.value(OUTPUT.toString())).contains("false");

    gw.advance(Duration.ofSeconds(50));
    assertThat(gw.value(OUTPUT.toString())).contains("true");
  }

  @Test
  void exec_on_deactivate_and_activate_switches_a_policy() throws Exception {
    gw.addTnds(Gateway.SERVER, "./MgmtPolicy/Policies", DownloadAndRunTest.doorRelay().xml());

    gw.server().exec(NodeUri.of(P + "/Deactivate"), ExecRequest.none());
    gw.settle();
    assertThat(gw.value(P + "/State")).contains("Inactive");
    assertThat(gw.status("door-relay")).contains("inactive");
    doorOpensFor(Duration.ofSeconds(10));
    assertThat(gw.value(OUTPUT.toString())).contains("false");

    doorCloses();
    gw.server().exec(NodeUri.of(P + "/Activate"), ExecRequest.none());
    gw.settle();
    assertThat(gw.status("door-relay")).contains("active");
    doorOpensFor(Duration.ofSeconds(5));
    assertThat(gw.value(OUTPUT.toString())).contains("true");
  }

  @Test
  void replacing_state_switches_a_policy_too() throws Exception {
    gw.addTnds(
        Gateway.SERVER,
        "./MgmtPolicy/Policies",
        DownloadAndRunTest.doorRelay().leaf("State", "Inactive").xml());
    doorOpensFor(Duration.ofSeconds(10));
    assertThat(gw.value(OUTPUT.toString())).contains("false");

    doorCloses();
    gw.server().replace(NodeUri.of(P + "/State"), NodeValue.text("Active"));
    gw.settle();
    doorOpensFor(Duration.ofSeconds(5));
    assertThat(gw.value(OUTPUT.toString())).contains("true");
  }

  @Test
  void activating_a_policy_that_cannot_run_fails_with_its_status() throws Exception {
    gw.addTnds(
        Gateway.SERVER,
        "./MgmtPolicy/Policies",
        Tnds.policy("half")
            .leaf("State", "Inactive")
            .condition("c", "compare", "Node", INPUT.toString(), "Operator", "eq", "Value", "1")
            .xml());

    assertThatThrownBy(
            () ->
                gw.server()
                    .exec(NodeUri.of("./MgmtPolicy/Policies/half/Activate"), ExecRequest.none()))
        .isInstanceOfSatisfying(
            DmException.class, e -> assertThat(e.status()).isEqualTo(StatusCode.BAD_REQUEST))
        .hasMessageContaining("no action");
    assertThat(gw.value("./MgmtPolicy/Policies/half/State")).contains("Inactive");
  }

  @Test
  void a_deleted_policy_no_longer_acts() throws Exception {
    gw.addTnds(Gateway.SERVER, "./MgmtPolicy/Policies", DownloadAndRunTest.doorRelay().xml());
    gw.replace(INPUT.toString(), NodeValue.of("1", NodeFormat.INT));

    gw.server().delete(NodeUri.of(P));
    gw.settle();
    gw.advance(Duration.ofSeconds(10));

    assertThat(gw.value(OUTPUT.toString())).contains("false");
    assertThat(gw.children("./MgmtPolicy/Policies")).isEmpty();
    assertThat(gw.scheduler.pendingTimers()).isZero();
  }

  @Test
  void policies_resume_after_a_restart() throws Exception {
    gw.addTnds(Gateway.SERVER, "./MgmtPolicy/Policies", DownloadAndRunTest.doorRelay().xml());
    MutableClock clock = gw.clock;
    gw.close();

    gw = Gateway.onFile(dir.resolve("tree.mv.db"), clock);
    assertThat(gw.status("door-relay")).contains("active");
    assertThat(gw.log).anyMatch(l -> l.contains("1 management policies resumed"));
    doorOpensFor(Duration.ofSeconds(5));

    assertThat(gw.value(OUTPUT.toString())).contains("true");
    assertThat(gw.value(P + "/Owner")).contains(Gateway.SERVER);
  }
}
