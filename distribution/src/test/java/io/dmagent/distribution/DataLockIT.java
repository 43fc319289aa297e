package io.dmagent.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One agent per data folder: a second one on the same folder leaves the running one alone. */
class DataLockIT {
  @TempDir Path dir;

  @Test
  void a_second_agent_on_the_same_data_folder_exits_at_once_naming_the_holder() throws Exception {
    Path home = RunningAgent.install(dir);
    try (RunningAgent first = RunningAgent.start(home)) {
      first.awaitLine("DM Agent ready");

      try (RunningAgent second = RunningAgent.start(home)) {
        assertThat(second.awaitExit()).isEqualTo(1);
        assertThat(second.lines())
            .containsExactly(
                "dmagent: cannot start: another agent (pid "
                    + first.pid()
                    + ") is running on "
                    + home.resolve("data").toRealPath());
      }

      // The first one's framework cache is intact: it still installs what is dropped into deploy/.
      TestBundles.plain(home.resolve("deploy/after.jar"), "com.example.after", "1.0.0");
      first.awaitLine("bundle com.example.after 1.0.0 STARTED");
      assertThat(first.lines()).noneMatch(l -> l.contains("ERROR"));
    }
  }

  @Test
  void the_folder_is_free_again_once_the_agent_has_stopped() throws Exception {
    Path home = RunningAgent.install(dir);
    try (RunningAgent first = RunningAgent.start(home)) {
      first.awaitLine("DM Agent ready");
      first.terminate();
    }
    try (RunningAgent again = RunningAgent.start(home)) {
      again.awaitLine("DM Agent ready");
    }
  }
}
