package io.dmagent.sessionless;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real crash: a child JVM admits timestamps in a loop and is killed with SIGKILL in the middle of
 * it; every timestamp whose admission had returned is still refused as a replay afterwards, so no
 * sessionless command can run twice across a crash.
 */
class ReplayCrashTest {
  @TempDir Path dir;

  @Test
  void no_admitted_timestamp_can_be_replayed_after_the_process_is_killed() throws Exception {
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ReplayCrashWriter.class.getName(),
                dir.toString())
            .redirectErrorStream(true)
            .start();
    long last = 0;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (last < 100 && (line = out.readLine()) != null) {
        assertThat(line).startsWith("admitted ");
        last = Long.parseLong(line.substring("admitted ".length()));
      }
      child.destroyForcibly(); // SIGKILL: whatever it was writing stays half done
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(last).isEqualTo(100);

    ReplayStore reopened = ReplayStore.open(dir, Duration.ofSeconds(300));

    assertThat(reopened.admit("srv1", last, last)).isEqualTo(ReplayStore.Verdict.REPLAYED);
    assertThat(reopened.admit("srv1", 1, 1)).isEqualTo(ReplayStore.Verdict.REPLAYED);
  }
}
