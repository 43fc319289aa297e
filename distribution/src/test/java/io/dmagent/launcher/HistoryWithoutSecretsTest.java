package io.dmagent.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.launcher.ConsoleClient.HistoryWithoutSecrets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HistoryWithoutSecretsTest {
  @Test
  void a_line_naming_a_secret_is_not_kept_and_others_are() {
    HistoryWithoutSecrets history = new HistoryWithoutSecrets();

    history.add(Instant.now(), "dm:get ./DevInfo/Mod");
    history.add(Instant.now(), "dm:set ./DMAcc/acme/AppAuth/srv/AAuthSecret s3cr3t");
    history.add(Instant.now(), "dm:set ./DMAcc/acme/AppAuth/srv/aauthdata bm9uY2U=");
    history.add(Instant.now(), "dm:tree ./DMAcc");

    assertThat(history.size()).isEqualTo(2);
    assertThat(history.get(0)).isEqualTo("dm:get ./DevInfo/Mod");
    assertThat(history.get(1)).isEqualTo("dm:tree ./DMAcc");
  }
}
