package io.dmagent.authority;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.testing.MutableClock;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.StatusCode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Delegation on the real tree on a file: srvA owns ./Vendor/ACME and ./Vendor/Other and delegates
 * to srvB through an Exec on ./Vendor/DMAgent/Authority/Delegate, as it would in a session.
 */
class DelegationTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final String ACME_ACL = "Add=srvA&Delete=srvA&Get=*&Replace=srvA";

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(T0);
  private Device device;

  @BeforeEach
  void start() throws Exception {
    device = new Device(dir, clock);
    device
        .node("./Vendor/ACME", ACME_ACL)
        .leaf("./Vendor/ACME/Interval", "60")
        .node("./Vendor/Other", "Get=*&Replace=srvA")
        .leaf("./Vendor/Other/Mode", "eco");
  }

  @AfterEach
  void stop() throws Exception {
    if (device != null) {
      device.close();
    }
  }

  private static String partial(String id, String subtree) {
    return "id="
        + id
        + "\ndelegate=srvB\nmode=partial\nsubtree="
        + subtree
        + "\naddress=http://127.0.0.1:9/dm\n";
  }

  private static int status(ThrowingCall call) {
    try {
      call.run();
      return 200;
    } catch (DmException e) {
      return e.status().code();
    }
  }

  interface ThrowingCall {
    void run() throws DmException;
  }

  @Test
  void partial_delegation_gives_the_delegate_the_delegators_rights_on_that_subtree_only()
      throws Exception {
    assertThat(device.replaceStatus("srvB", "./Vendor/ACME/Interval", "30")).isEqualTo(425);

    device.delegate("srvA", partial("d1", "./Vendor/ACME"));

    assertThat(device.replaceStatus("srvB", "./Vendor/ACME/Interval", "30")).isEqualTo(200);
    assertThat(device.replaceStatus("srvB", "./Vendor/Other/Mode", "max")).isEqualTo(425);
    assertThat(device.acl("./Vendor/ACME"))
        .isEqualTo("Add=srvA+srvB&Delete=srvA+srvB&Get=*&Replace=srvA+srvB");
    assertThat(device.device().get(NodeUri.of("./DMAcc/srvB/ServerID")).value())
        .contains(NodeValue.text("srvB"));
    assertThat(device.device().get(NodeUri.of("./DMAcc/srvB/AppAddr/1/Addr")).value())
        .contains(NodeValue.text("http://127.0.0.1:9/dm"));
    assertThat(device.authority.delegations().records())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.delegator()).isEqualTo("srvA");
              assertThat(r.accountCreated()).isTrue();
            });
  }

  @Test
  void a_delegate_never_gains_more_than_the_delegator_holds() throws Exception {
    device.node("./Vendor/Shared", "Add=srvC&Get=srvA&Replace=srvA+srvC");

    device.delegate("srvA", partial("d1", "./Vendor/Shared"));

    assertThat(device.acl("./Vendor/Shared"))
        .isEqualTo("Add=srvC&Get=srvA+srvB&Replace=srvA+srvC+srvB");
  }

  @Test
  void a_server_without_rights_cannot_take_over_a_subtree_by_delegation() throws Exception {
    String toD = "id=grab\ndelegate=srvD\nmode=partial\nsubtree=./Vendor/ACME\naddress=http://d/dm";
    String toC = toD.replace("srvD", "srvC");

    assertThat(status(() -> device.delegate("srvC", toD))).isEqualTo(425);
    assertThat(status(() -> device.delegate("srvD", toC))).isEqualTo(425);
    assertThat(
            status(
                () ->
                    device.delegate("srvC", toD.replace("partial\nsubtree=./Vendor/ACME", "full"))))
        .isEqualTo(425);

    assertThat(device.acl("./Vendor/ACME")).isEqualTo(ACME_ACL);
    assertThat(device.exists("./DMAcc/srvC")).isFalse();
    assertThat(device.authority.delegations().records()).isEmpty();
    assertThat(device.log).anyMatch(l -> l.contains("delegation refused for server srvC"));
  }

  @Test
  void revocation_restores_every_acl_exactly_and_removes_the_account_it_created() throws Exception {
    device.delegate("srvA", partial("d1", "./Vendor/ACME"));
    device.as("srvB").addInterior(NodeUri.of("./Vendor/ACME/Made"), null);

    device.revoke("srvA", "d1");

    assertThat(device.acl("./Vendor/ACME")).isEqualTo(ACME_ACL);
    assertThat(device.exists("./DMAcc/srvB")).isFalse();
    assertThat(device.acl("./Vendor/ACME/Made")).doesNotContain("srvB");
    assertThat(device.replaceStatus("srvB", "./Vendor/ACME/Interval", "30")).isEqualTo(425);
    assertThat(device.authority.delegations().records()).isEmpty();
  }

  @Test
  void revocation_after_the_acl_changed_takes_away_only_what_the_delegation_added()
      throws Exception {
    device.node("./Vendor/Shared", "Get=srvA+srvB&Replace=srvA");
    device.node("./DMAcc/b", "Get=srvB").leaf("./DMAcc/b/ServerID", "srvB");
    device.delegate("srvA", partial("d1", "./Vendor/Shared"));
    device
        .as("srvA")
        .replaceProperty(
            NodeUri.of("./Vendor/Shared"),
            io.dmagent.api.tree.NodeProperty.ACL,
            "Exec=srvC&Get=srvA+srvB&Replace=srvA+srvB");

    device.revoke("srvA", "d1");

    assertThat(device.acl("./Vendor/Shared")).isEqualTo("Exec=srvC&Get=srvA+srvB&Replace=srvA");
  }

  @Test
  void a_node_that_inherited_its_acl_inherits_again_after_revocation() throws Exception {
    device.device().addInterior(NodeUri.of("./Vendor/ACME/Sub"), null);
    device.delegate("srvA", partial("d1", "./Vendor/ACME/Sub"));
    assertThat(device.acl("./Vendor/ACME/Sub")).contains("srvB");

    device.revoke("srvA", "d1");

    assertThat(
            device
                .device()
                .getProperty(NodeUri.of("./Vendor/ACME/Sub"), io.dmagent.api.tree.NodeProperty.ACL)
                .status())
        .isEqualTo(StatusCode.OK_WITH_INHERITED_ACL);
  }

  @Test
  void full_delegation_passes_every_right_of_the_delegator_but_never_its_account()
      throws Exception {
    device.node("./DMAcc/srvA", "Get=srvA&Replace=srvA");

    device.delegate("srvA", "id=all\ndelegate=srvB\nmode=full\naddress=http://b/dm");

    assertThat(device.replaceStatus("srvB", "./Vendor/ACME/Interval", "30")).isEqualTo(200);
    assertThat(device.replaceStatus("srvB", "./Vendor/Other/Mode", "max")).isEqualTo(200);
    assertThat(device.acl("./DMAcc/srvA")).isEqualTo("Get=srvA&Replace=srvA");
  }

  @Test
  void a_delegation_to_a_server_with_an_account_keeps_that_account_on_revocation()
      throws Exception {
    device.node("./DMAcc/b", "Get=srvB").leaf("./DMAcc/b/ServerID", "srvB");

    device.delegate("srvA", "id=d1\ndelegate=srvB\nmode=partial\nsubtree=./Vendor/ACME");
    device.revoke("srvB", "d1"); // the delegate gives the authority back

    assertThat(device.exists("./DMAcc/b")).isTrue();
    assertThat(device.acl("./Vendor/ACME")).isEqualTo(ACME_ACL);
  }

  @Test
  void a_revoked_delegate_keeps_no_right_it_gave_itself_while_it_held_the_delegation()
      throws Exception {
    device.node("./DMAcc/b", "Get=srvB").leaf("./DMAcc/b/ServerID", "srvB");
    device.node("./Vendor/ACME/Before", "Get=srvB&Replace=srvA+srvB");
    device.delegate("srvA", "id=d1\ndelegate=srvB\nmode=partial\nsubtree=./Vendor/ACME");
    // While it holds Replace on ./Vendor/ACME, srvB names itself in ACLs below and above what
    // the delegation gave, and adds a node of its own.
    device
        .as("srvB")
        .replaceProperty(
            NodeUri.of("./Vendor/ACME/Interval"),
            io.dmagent.api.tree.NodeProperty.ACL,
            "Get=*&Replace=srvB");
    device
        .as("srvB")
        .replaceProperty(
            NodeUri.of("./Vendor/ACME"),
            io.dmagent.api.tree.NodeProperty.ACL,
            "Add=srvA+srvB&Delete=srvA+srvB&Exec=srvB&Get=*&Replace=srvA+srvB");
    device.as("srvB").addLeaf(NodeUri.of("./Vendor/ACME/Mine"), NodeValue.text("x"));

    device.revoke("srvA", "d1");

    assertThat(device.replaceStatus("srvB", "./Vendor/ACME/Interval", "1")).isEqualTo(425);
    assertThat(device.acl("./Vendor/ACME")).doesNotContain("srvB");
    assertThat(device.acl("./Vendor/ACME/Interval")).doesNotContain("srvB");
    // What it held before the delegation stays.
    assertThat(device.acl("./Vendor/ACME/Before")).isEqualTo("Get=srvB&Replace=srvA+srvB");
  }

  @Test
  void only_the_delegator_the_delegate_or_the_device_may_revoke() throws Exception {
    device.delegate("srvA", partial("d1", "./Vendor/ACME"));

    assertThat(status(() -> device.revoke("srvC", "d1"))).isEqualTo(425);
    assertThat(status(() -> device.revoke("srvA", "nope"))).isEqualTo(404);
    assertThat(device.acl("./Vendor/ACME")).contains("srvB");
  }

  @Test
  void a_delegation_id_in_use_is_refused_and_changes_nothing() throws Exception {
    device.delegate("srvA", partial("d1", "./Vendor/ACME"));
    String before = device.acl("./Vendor/Other");

    assertThat(status(() -> device.delegate("srvA", partial("d1", "./Vendor/Other"))))
        .isEqualTo(418);
    assertThat(device.acl("./Vendor/Other")).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "nonsense",
        "id=d1\ndelegate=srvB\nmode=sideways\nsubtree=./Vendor/ACME\naddress=http://b/dm",
        "id=d1\ndelegate=srvB\nmode=partial\naddress=http://b/dm",
        "id=d1\ndelegate=srvB\nmode=full\nsubtree=./Vendor/ACME\naddress=http://b/dm",
        "id=d 1\ndelegate=srvB\nmode=full\naddress=http://b/dm",
        "id=d1\ndelegate=srv&B\nmode=full\naddress=http://b/dm",
        "id=d1\ndelegate=srvB\nmode=full\naddress=http://b/dm\nexpires=tomorrow",
        "id=d1\ndelegate=srvB\nmode=full\naddress=http://b/dm\nexpires=2026-03-01T09:00:00Z",
        "id=d1\ndelegate=srvB\nmode=full\naddress=not a url",
        "id=d1\ndelegate=srvB\nmode=full",
        "id=d1\ndelegate=srvA\nmode=full\naddress=http://b/dm",
        "id=d1\ndelegate=srvB\nmode=partial\nsubtree=Vendor/../x\naddress=http://b/dm",
        "id=d1\ndelegate=srvB\nmode=full\naddress=http://b/dm\nauthSecret=s3cret",
        "id=d1\ndelegate=srvB\nmode=full\naddress=http://b/dm\ncolour=blue",
      })
  void a_bad_delegation_document_is_refused_with_400_and_changes_nothing(String doc)
      throws Exception {
    assertThat(status(() -> device.delegate("srvA", doc))).isEqualTo(400);

    assertThat(device.acl("./Vendor/ACME")).isEqualTo(ACME_ACL);
    assertThat(device.exists("./DMAcc/srvB")).isFalse();
    assertThat(device.log).noneMatch(l -> l.contains("s3cret"));
  }

  @Test
  void a_delegation_of_a_missing_subtree_is_refused_with_404() throws Exception {
    assertThat(status(() -> device.delegate("srvA", partial("d1", "./Vendor/Nope"))))
        .isEqualTo(404);
  }

  @Test
  void the_delegates_secret_goes_to_its_account_and_nowhere_else() throws Exception {
    device.delegate(
        "srvA",
        partial("d1", "./Vendor/ACME") + "authType=DIGEST\nauthName=gw\nauthSecret=s3cret\n");

    assertThat(device.device().get(NodeUri.of("./DMAcc/srvB/AppAuth/1/AAuthName")).value())
        .contains(NodeValue.text("gw"));
    assertThat(
            status(() -> device.as("srvB").get(NodeUri.of("./DMAcc/srvB/AppAuth/1/AAuthSecret"))))
        .isNotEqualTo(200);
    assertThat(device.log).noneMatch(l -> l.contains("s3cret"));
    assertThat(device.authority.delegations().records().toString()).doesNotContain("s3cret");
  }

  @Test
  void delegate_loses_rights_when_delegation_expires_across_restart() throws Exception {
    device.delegate(
        "srvA", partial("t1", "./Vendor/ACME") + "expires=" + T0.plus(Duration.ofHours(1)));
    assertThat(device.replaceStatus("srvB", "./Vendor/ACME/Interval", "30")).isEqualTo(200);
    device.close();

    clock.advance(Duration.ofHours(2));
    device = new Device(dir, clock);

    assertThat(device.replaceStatus("srvB", "./Vendor/ACME/Interval", "31")).isEqualTo(425);
    assertThat(device.acl("./Vendor/ACME")).isEqualTo(ACME_ACL);
    assertThat(device.exists("./DMAcc/srvB")).isFalse();
    assertThat(device.log).anyMatch(l -> l.contains("delegation t1 expired"));
  }

  @Test
  void a_temporary_delegation_survives_a_restart_before_its_end() throws Exception {
    device.delegate(
        "srvA", partial("t1", "./Vendor/ACME") + "expires=" + T0.plus(Duration.ofHours(1)));
    device.close();

    clock.advance(Duration.ofMinutes(30));
    device = new Device(dir, clock);

    assertThat(device.replaceStatus("srvB", "./Vendor/ACME/Interval", "30")).isEqualTo(200);
    assertThat(device.authority.delegations().nextExpiry()).contains(T0.plus(Duration.ofHours(1)));
  }

  @Test
  void a_temporary_delegation_ends_by_itself_while_the_agent_runs() throws Exception {
    device.close();
    device = new Device(dir, Clock.systemUTC());
    device.delegate(
        "srvA",
        partial("t1", "./Vendor/ACME") + "expires=" + Instant.now().plus(Duration.ofMillis(300)));
    assertThat(device.acl("./Vendor/ACME")).contains("srvB");

    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!device.authority.delegations().records().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }

    assertThat(device.authority.delegations().records()).isEmpty();
    assertThat(device.acl("./Vendor/ACME")).isEqualTo(ACME_ACL);
  }

  @Test
  void delegation_is_all_or_nothing_when_a_step_fails() throws Exception {
    // The ledger's record is the last step: a leaf in its place makes it fail after the account
    // and the ACLs were changed in the transaction.
    device.device().addLeaf(DelegationLedger.ROOT, NodeValue.text("in the way"));

    assertThat(status(() -> device.delegate("srvA", partial("d1x", "./Vendor/ACME"))))
        .isEqualTo(405);

    assertThat(device.acl("./Vendor/ACME")).isEqualTo(ACME_ACL);
    assertThat(device.exists("./DMAcc/srvB")).isFalse();
  }
}
