package io.dmagent.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.tree.NodeUri;
import org.junit.jupiter.api.Test;

class SecretsTest {
  private final Secrets secrets = Nodes.dmAccSecrets();

  @Test
  void a_leaf_described_without_get_is_secret() {
    assertThat(secrets.test(NodeUri.of("./DMAcc/acme/AppAuth/srv/AAuthSecret"))).isTrue();
    assertThat(secrets.test(NodeUri.of("./DMAcc/acme/AppAuth/srv/AAuthData"))).isTrue();
  }

  @Test
  void a_leaf_described_with_get_or_not_described_at_all_is_shown() {
    assertThat(secrets.test(NodeUri.of("./DMAcc/acme/AppAuth/srv/AAuthName"))).isFalse();
    assertThat(secrets.test(NodeUri.of("./Vendor/Test/AAuthSecret"))).isFalse();
  }
}
