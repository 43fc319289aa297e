package io.dmagent.authority;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.StatusCode;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The authority object's root, {@code Exec=*&Get=*}, on the first start and after restarts. */
class AuthorityRootTest {
  static final String ROOT = AuthorityObject.ROOT.toString();
  @TempDir Path dir;

  @Test
  void the_root_is_open_to_every_server_from_the_first_start() throws Exception {
    try (Device d = new Device(dir, Clock.systemUTC())) {
      var acl = d.device().getProperty(AuthorityObject.ROOT, NodeProperty.ACL);

      assertThat(acl.status()).isEqualTo(StatusCode.OK);
      assertThat(acl.value()).isEqualTo("Exec=*&Get=*");
    }
  }

  @Test
  void a_restart_on_existing_data_refuses_nothing_and_keeps_the_root_acl() throws Exception {
    new Device(dir, Clock.systemUTC()).close();

    try (Device restarted = new Device(dir, Clock.systemUTC())) {
      assertThat(restarted.log)
          .as("tree log after the restart")
          .noneMatch(line -> line.contains("refused") || line.contains("not running"));
      assertThat(restarted.acl(ROOT)).isEqualTo("Exec=*&Get=*");
    }
  }

  @Test
  void an_acl_the_operator_gave_the_root_stays_across_a_restart() throws Exception {
    try (Device d = new Device(dir, Clock.systemUTC())) {
      d.device().replaceProperty(NodeUri.of(ROOT), NodeProperty.ACL, "Exec=srvA&Get=*");
    }

    try (Device restarted = new Device(dir, Clock.systemUTC())) {
      assertThat(restarted.acl(ROOT)).isEqualTo("Exec=srvA&Get=*");
    }
  }
}
