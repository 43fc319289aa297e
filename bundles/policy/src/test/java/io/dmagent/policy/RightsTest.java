package io.dmagent.policy;

import static io.dmagent.policy.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.tree.ExecRequest;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.StatusCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Only the server that downloaded a policy manages it (ATHOR-1), a server without the right cannot
 * download one, and a policy's actions never exceed its owner's rights.
 */
class RightsTest {
  static final String P = "./MgmtPolicy/Policies/door-relay";
  static final NodeUri OUTPUT = NodeUri.of("./Vendor/Relay/Output");
  private Gateway gw;

  @BeforeEach
  void gateway() throws Exception {
    gw = Gateway.inMemory();
    LifecycleTest.io(gw);
  }

  @AfterEach
  void close() throws Exception {
    gw.close();
  }

  @Test
  void another_server_can_neither_change_nor_switch_nor_delete_a_policy_it_does_not_own()
      throws Exception {
    gw.addTnds(Gateway.SERVER, "./MgmtPolicy/Policies", DownloadAndRunTest.doorRelay().xml());
    gw.device()
        .replaceProperty(NodeUri.of(P), NodeProperty.ACL, "Add=*&Delete=*&Exec=*&Get=*&Replace=*");

    refused(
        StatusCode.PERMISSION_DENIED,
        () ->
            gw.server("intruder")
                .replace(NodeUri.of(P + "/Actions/1/Value"), NodeValue.text("false")));
    refused(
        StatusCode.PERMISSION_DENIED,
        () -> gw.server("intruder").exec(NodeUri.of(P + "/Deactivate"), ExecRequest.none()));
    refused(StatusCode.PERMISSION_DENIED, () -> gw.server("intruder").delete(NodeUri.of(P)));

    assertThat(gw.value(P + "/Actions/1/Value")).contains("true");
    assertThat(gw.value(P + "/State")).contains("Active");
    assertThat(gw.log)
        .anyMatch(l -> l.contains("the policy belongs to server acme-dm, not to server intruder"));
  }

  @Test
  void a_server_without_the_add_right_cannot_download_a_policy() throws Exception {
    gw.device()
        .replaceProperty(NodeUri.of("./MgmtPolicy"), NodeProperty.ACL, "Add=acme-dm&Exec=*&Get=*");

    refused(
        StatusCode.PERMISSION_DENIED,
        () ->
            gw.addTnds("intruder", "./MgmtPolicy/Policies", DownloadAndRunTest.doorRelay().xml()));
    assertThat(gw.children("./MgmtPolicy/Policies")).isEmpty();
  }

  @Test
  void an_action_the_owner_has_no_right_for_is_refused_at_download_with_425() throws Exception {
    gw.device().replaceProperty(OUTPUT, NodeProperty.ACL, "Get=*&Replace=other-dm");

    refused(
        StatusCode.PERMISSION_DENIED,
        () ->
            gw.addTnds(
                Gateway.SERVER, "./MgmtPolicy/Policies", DownloadAndRunTest.doorRelay().xml()));
    assertThat(gw.log)
        .anyMatch(l -> l.contains("server acme-dm has no Replace right for ./Vendor/Relay/Output"));
  }

  @Test
  void actions_run_with_the_owners_rights_never_the_devices() throws Exception {
    gw.addTnds(Gateway.SERVER, "./MgmtPolicy/Policies", DownloadAndRunTest.doorRelay().xml());
    gw.device().replaceProperty(OUTPUT, NodeProperty.ACL, "Get=*&Replace=other-dm");

    gw.replace("./Vendor/Door/Input", NodeValue.of("1", NodeFormat.INT));
    gw.advance(java.time.Duration.ofSeconds(5));

    assertThat(gw.value(OUTPUT.toString())).contains("false");
    assertThat(gw.outcomes("door-relay")).containsExactly("failed");
    assertThat(gw.details("door-relay").get(0)).contains("425");
  }

  @Test
  void the_owner_reads_its_policys_results_with_get() throws Exception {
    gw.addTnds(Gateway.SERVER, "./MgmtPolicy/Policies", DownloadAndRunTest.doorRelay().xml());
    gw.replace("./Vendor/Door/Input", NodeValue.of("1", NodeFormat.INT));
    gw.advance(java.time.Duration.ofSeconds(5));

    assertThat(gw.server().get(NodeUri.of(P + "/Results/1/Outcome")).value())
        .map(NodeValue::text)
        .contains("done");
    assertThat(gw.server().get(NodeUri.of(P + "/Status")).value())
        .map(NodeValue::text)
        .contains("active");
  }
}
