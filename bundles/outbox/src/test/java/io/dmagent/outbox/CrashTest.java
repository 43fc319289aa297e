package io.dmagent.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.outbox.OutboxEntry;
import io.dmagent.api.outbox.OverflowPolicy;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real crash: a child JVM stores entries in a loop and is killed with SIGKILL in the middle of
 * it; every entry whose {@code store} had returned is in the outbox when it is opened again.
 */
class CrashTest {
  private static final int THREADS = 8;

  @TempDir Path dir;

  @Test
  void nothing_acknowledged_is_lost_when_the_process_is_killed_mid_write() throws Exception {
    List<String[]> acknowledged = storeUntilKilled(200);

    try (StoreOutbox reopened =
        StoreOutbox.open(dir, 1_000_000, OverflowPolicy.REJECT_NEW, line -> {})) {
      List<String> held = reopened.pending("crash").stream().map(OutboxEntry::id).toList();

      assertThat(held)
          .containsSubsequence(acknowledged.stream().map(a -> a[1]).toList())
          .isSorted();
      assertThat(reopened.pending("crash", List.of("srv0")))
          .extracting(e -> new String(e.payload(), StandardCharsets.UTF_8))
          .startsWith("entry 0", "entry 3", "entry 6");
    }
  }

  @Test
  void concurrent_stores_sharing_a_commit_are_all_kept_in_per_thread_order_after_a_kill()
      throws Exception {
    List<String[]> acknowledged = storeUntilKilled(600, Integer.toString(THREADS));
    Map<String, List<String>> idsPerThread = new HashMap<>();
    for (String[] a : acknowledged) {
      idsPerThread.computeIfAbsent(a[3], t -> new ArrayList<>()).add(a[1]);
    }
    // Threads really did run side by side: the stores interleave.
    assertThat(idsPerThread).hasSize(THREADS);

    try (StoreOutbox reopened =
        StoreOutbox.open(dir, 1_000_000, OverflowPolicy.REJECT_NEW, line -> {})) {
      for (Map.Entry<String, List<String>> thread : idsPerThread.entrySet()) {
        List<OutboxEntry> held = reopened.pending("crash", List.of(thread.getKey()));
        // Every returned store is there, and the thread's entries are 0, 1, 2... with no gap: a
        // later store of a thread can only be durable if its earlier ones are.
        assertThat(held).extracting(OutboxEntry::id).containsAll(thread.getValue()).isSorted();
        assertThat(held)
            .extracting(e -> new String(e.payload(), StandardCharsets.UTF_8))
            .containsExactlyElementsOf(
                IntStream.range(0, held.size()).mapToObj(n -> "entry " + n).toList());
      }
    }
  }

  /** Runs the writer, reads {@code count} acknowledgements (split at spaces), then kills it. */
  private List<String[]> storeUntilKilled(int count, String... writerArgs) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), CrashWriter.class.getName()));
    command.add(dir.toString());
    command.addAll(List.of(writerArgs));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String[]> acknowledged = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (acknowledged.size() < count && (line = out.readLine()) != null) {
        assertThat(line).startsWith("stored ");
        acknowledged.add(line.split(" "));
      }
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no close, whatever it was writing
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(acknowledged).hasSize(count);
    return acknowledged;
  }
}
