package io.dmagent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.session.AlertMark;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every execution is told to the owner as a Generic Alert of type policyreport (HLF-5, DMS-02,
 * Device-01): for its next session, at once without a session, or not at all, as the policy says.
 */
class ReportsTest {
  static final String TRIGGER = "./Vendor/Trigger";
  private Gateway gw;

  @BeforeEach
  void gateway() throws Exception {
    gw = Gateway.inMemory();
    gw.device().addLeaf(NodeUri.of(TRIGGER), NodeValue.of("0", NodeFormat.INT));
    gw.device().addLeaf(NodeUri.of("./Vendor/Out"), NodeValue.of("0", NodeFormat.INT));
  }

  @AfterEach
  void close() throws Exception {
    gw.close();
  }

  private void download(String name, String report, String value) throws Exception {
    Tnds t =
        Tnds.policy(name)
            .condition("go", "compare", "Node", TRIGGER, "Operator", "eq", "Value", "1")
            .action("1", "replace", "Target", "./Vendor/Out", "Value", value);
    if (report != null) {
      t.leaf("Report", report);
    }
    gw.addTnds(Gateway.SERVER, "./MgmtPolicy/Policies", t.xml());
  }

  @Test
  void an_execution_is_queued_for_the_owners_next_session_as_a_policyreport() throws Exception {
    download("p", null, "1");

    gw.replace(TRIGGER, NodeValue.of("1", NodeFormat.INT));

    assertThat(gw.alerts).hasSize(1);
    Gateway.Queued q = gw.alerts.get(0);
    assertThat(q.server()).contains(Gateway.SERVER);
    assertThat(q.alert().type()).isEqualTo("urn:oma:at:oma-mgmtpolicymo:1.0:policyreport");
    assertThat(q.alert().source()).contains(NodeUri.of("./MgmtPolicy/Policies/p"));
    assertThat(q.alert().format()).isEqualTo(NodeFormat.CHR);
    assertThat(q.alert().mark()).isEqualTo(AlertMark.INFORMATIONAL);
    assertThat(q.data())
        .startsWith("outcome=done\ntime=2026-12-07T10:00:00Z\ndetail=1: replace ./Vendor/Out");
    assertThat(gw.sessionless).isEmpty();
  }

  @Test
  void a_sessionless_policy_reports_at_once_without_a_session() throws Exception {
    download("p", "sessionless", "1");

    gw.replace(TRIGGER, NodeValue.of("1", NodeFormat.INT));

    assertThat(gw.sessionless).hasSize(1);
    assertThat(gw.sessionless.get(0).server()).isEqualTo(Optional.of(Gateway.SERVER));
    assertThat(gw.alerts).isEmpty();
  }

  @Test
  void a_failed_execution_is_reported_as_a_warning() throws Exception {
    download("p", null, "1");
    gw.device().delete(NodeUri.of("./Vendor/Out"));
    gw.device().addInterior(NodeUri.of("./Vendor/Out"), null);

    gw.replace(TRIGGER, NodeValue.of("1", NodeFormat.INT));

    assertThat(gw.alerts)
        .singleElement()
        .satisfies(q -> assertThat(q.alert().mark()).isEqualTo(AlertMark.WARNING));
    assertThat(gw.alerts.get(0).data()).startsWith("outcome=failed");
  }

  @Test
  void report_none_records_in_the_tree_only() throws Exception {
    download("p", "none", "1");

    gw.replace(TRIGGER, NodeValue.of("1", NodeFormat.INT));

    assertThat(gw.outcomes("p")).containsExactly("done");
    assertThat(gw.alerts).isEmpty();
    assertThat(gw.sessionless).isEmpty();
  }
}
