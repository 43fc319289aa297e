package io.dmagent.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.outbox.OutboxEntry;
import io.dmagent.api.outbox.OverflowPolicy;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real crash: a child JVM stores entries in a loop and is killed with SIGKILL in the middle of
 * it; every entry whose {@code store} had returned is in the outbox when it is opened again.
 */
class CrashTest {
  @TempDir Path dir;

  @Test
  void nothing_acknowledged_is_lost_when_the_process_is_killed_mid_write() throws Exception {
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                CrashWriter.class.getName(),
                dir.toString())
            .redirectErrorStream(true)
            .start();
    List<String> acknowledged = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (acknowledged.size() < 200 && (line = out.readLine()) != null) {
        assertThat(line).startsWith("stored ");
        acknowledged.add(line.split(" ")[1]);
      }
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no close, whatever it was writing
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(acknowledged).hasSize(200);

    try (StoreOutbox reopened =
        StoreOutbox.open(dir, 1_000_000, OverflowPolicy.REJECT_NEW, line -> {})) {
      List<String> held = reopened.pending("crash").stream().map(OutboxEntry::id).toList();

      assertThat(held).containsSubsequence(acknowledged).isSorted();
      assertThat(reopened.pending("crash", List.of("srv0")))
          .extracting(e -> new String(e.payload(), StandardCharsets.UTF_8))
          .startsWith("entry 0", "entry 3", "entry 6");
    }
  }
}
