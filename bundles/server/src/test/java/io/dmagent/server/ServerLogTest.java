package io.dmagent.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerLogTest {

  @Test
  void of_sends_info_and_warnings_each_to_its_own_consumer() {
    List<String> infos = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    ServerLog log = ServerLog.of(infos::add, warnings::add);

    log.info("session 1 began");
    log.warn("message refused");

    assertThat(infos).containsExactly("session 1 began");
    assertThat(warnings).containsExactly("message refused");
  }
}
