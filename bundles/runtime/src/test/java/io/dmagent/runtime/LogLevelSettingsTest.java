package io.dmagent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.service.log.LogLevel;

class LogLevelSettingsTest {
  @Test
  void a_level_for_all_and_levels_per_bundle() {
    var s =
        LogLevelSettings.parse("warn", " io.dmagent.protocol=DEBUG , org.apache.felix.scr = error");

    assertThat(s.root()).isEqualTo(LogLevel.WARN);
    assertThat(s.bundles())
        .isEqualTo(
            Map.of("io.dmagent.protocol", LogLevel.DEBUG, "org.apache.felix.scr", LogLevel.ERROR));
    assertThat(s.problems()).isEmpty();
  }

  @Test
  void a_bad_entry_is_named_and_left_out_and_the_others_apply() {
    var s = LogLevelSettings.parse("LOUD", "io.dmagent.tree=DEBUG, io.dmagent.server, x=verbose");

    assertThat(s.root()).isEqualTo(LogLevel.INFO);
    assertThat(s.bundles()).isEqualTo(Map.of("io.dmagent.tree", LogLevel.DEBUG));
    assertThat(s.problems())
        .containsExactly(
            "level=LOUD is not a level: INFO instead",
            "bundles entry 'io.dmagent.server' is not <symbolic name>=<level>: left out",
            "bundles entry 'x=verbose' is not <symbolic name>=<level>: left out");
  }
}
