package io.dmagent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationGateTest {
  @TempDir Path dir;

  @Test
  void a_cfg_file_with_a_malformed_escape_does_not_parse() throws Exception {
    Path cfg = dir.resolve("io.dmagent.x.cfg");
    Files.writeString(cfg, "a=1\nb=\\uZZZZ\n");

    assertThat(ConfigurationGate.parses(cfg.toUri().toString())).isFalse();
  }

  @Test
  void a_well_formed_file_and_a_configuration_from_no_file_parse() throws Exception {
    Path cfg = dir.resolve("io.dmagent.x.cfg");
    Files.writeString(cfg, "a=1\n");

    assertThat(ConfigurationGate.parses(cfg.toUri().toString())).isTrue();
    assertThat(ConfigurationGate.parses(null)).isTrue();
  }

  @Test
  void a_config_file_that_is_no_configuration_does_not_parse() throws Exception {
    Path config = dir.resolve("io.dmagent.x.config");
    Files.writeString(config, "this is { not a configuration");

    assertThat(ConfigurationGate.parses(config.toUri().toString())).isFalse();
  }

  @Test
  void a_value_in_a_log_line_stays_on_one_line() {
    assertThat(ConfigurationGate.oneLine("a\nERROR forged")).isEqualTo("a\\u000aERROR forged");
    assertThat(ConfigurationGate.oneLine("x".repeat(100))).hasSize(83);
  }

  @Test
  void an_entry_of_a_declared_map_setting_is_a_setting_and_a_misspelt_key_is_not() {
    java.util.Set<String> declared = java.util.Set.of("maxBatch", "reportAddress");

    assertThat(ConfigurationGate.declares(declared, "maxBatch")).isTrue();
    assertThat(ConfigurationGate.declares(declared, "reportAddress.srv1")).isTrue();
    assertThat(ConfigurationGate.declares(declared, "reportAddress.")).isFalse();
    assertThat(ConfigurationGate.declares(declared, "maxBtach")).isFalse();
    assertThat(ConfigurationGate.declares(declared, "reportAdress.srv1")).isFalse();
  }
}
