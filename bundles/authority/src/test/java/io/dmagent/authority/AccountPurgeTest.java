package io.dmagent.authority;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.testing.MutableClock;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TND 1.7: a ServerID whose account is gone leaves every ACL. */
class AccountPurgeTest {
  @TempDir Path dir;
  private Device device;

  @BeforeEach
  void start() throws Exception {
    device = new Device(dir, new MutableClock(Instant.parse("2026-03-01T10:00:00Z")));
    device.node("./DMAcc/c", "Get=srvC&Replace=srvC").leaf("./DMAcc/c/ServerID", "srvC");
    device.node("./DMAcc/a", "Get=srvA").leaf("./DMAcc/a/ServerID", "srvA");
    device.node("./Vendor/X", "Get=srvC&Replace=srvA+srvC").leaf("./Vendor/X/v", "1");
    device.tree.listen(
        new AccountPurge(device.tree, device.accounts, device.log::add), NodeUri.of("./DMAcc"));
  }

  @AfterEach
  void stop() throws Exception {
    device.close();
  }

  private static void eventually(BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
      Thread.sleep(25);
    }
    assertThat(condition.getAsBoolean()).isTrue();
  }

  private String acl(String uri) {
    try {
      return device.acl(uri);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void a_server_whose_account_is_deleted_leaves_every_acl() throws Exception {
    assertThat(device.replaceStatus("srvC", "./Vendor/X/v", "2")).isEqualTo(200);
    device.device().delete(NodeUri.of("./DMAcc/c"));

    eventually(() -> acl("./Vendor/X").equals("Replace=srvA"));
    // A new account with that ServerID inherits nothing.
    device.node("./DMAcc/c2", "Get=srvC").leaf("./DMAcc/c2/ServerID", "srvC");
    assertThat(device.replaceStatus("srvC", "./Vendor/X/v", "3")).isEqualTo(425);
    assertThat(acl("./DMAcc/a")).isEqualTo("Get=srvA");
  }

  @Test
  void a_server_id_replaced_in_its_account_leaves_every_acl() throws Exception {
    device
        .tree
        .operations(Principal.device())
        .replace(NodeUri.of("./DMAcc/c/ServerID"), NodeValue.text("srvD"));

    eventually(() -> acl("./Vendor/X").equals("Replace=srvA"));
  }
}
