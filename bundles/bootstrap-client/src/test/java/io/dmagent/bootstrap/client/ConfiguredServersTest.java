package io.dmagent.bootstrap.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The servers the configuration names, and the smart card web server's fixed URL (B7). */
class ConfiguredServersTest {
  private final List<String> bad = new CopyOnWriteArrayList<>();

  @Test
  void the_scws_url_is_fetched_only_when_enabled_after_the_configured_servers() {
    String[] servers = {"https://bootstrap.example/dm", " "};

    assertThat(BootstrapClient.configured(servers, false, bad::add))
        .containsExactly(URI.create("https://bootstrap.example/dm"));
    assertThat(BootstrapClient.configured(servers, true, bad::add))
        .containsExactly(
            URI.create("https://bootstrap.example/dm"),
            URI.create("https://127.0.0.1:4116/OMA/DM/Bootstrap.xml"));
    assertThat(bad).isEmpty();
  }

  @Test
  void a_configured_value_that_is_no_url_is_left_out_and_told() {
    assertThat(BootstrapClient.configured(new String[] {"https://a b"}, false, bad::add)).isEmpty();
    assertThat(bad).containsExactly("https://a b");
  }
}
