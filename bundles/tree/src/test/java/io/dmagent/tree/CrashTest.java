package io.dmagent.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.tree.NodeResult;
import io.dmagent.api.tree.NodeUri;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM writes to a tree file and is killed with SIGKILL at random points, again and again:
 * while appending to the change log and, as its log is small, while checkpointing the store file.
 * After every kill the tree must hold every acknowledged write, and each Atomic whole or not at
 * all.
 */
class CrashTest {
  private static final int KILLS = 6;

  @TempDir Path dir;

  @Test
  void acknowledged_writes_survive_sigkill_and_no_atomic_is_ever_half_applied() throws Exception {
    Path file = dir.resolve("tree.mv.db");
    Random random = new Random(20261124);
    int acked = 0;
    for (int round = 0; round < KILLS; round++) {
      acked = runUntilKilled(file, acked + 1, 200 + random.nextInt(800));
      Map<String, String> found = contents(file);
      // The write in flight when the kill came may have committed without being acknowledged.
      assertThat(found).isIn(CrashWorker.expected(acked), CrashWorker.expected(acked + 1));
      acked = found.equals(CrashWorker.expected(acked + 1)) ? acked + 1 : acked;
    }
    assertThat(acked).isGreaterThan(KILLS * 100);
  }

  /**
   * Starts the worker from write {@code from}, kills it after about {@code writes}
   * acknowledgements.
   */
  private int runUntilKilled(Path file, int from, int writes) throws Exception {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                CrashWorker.class.getName(),
                file.toString(),
                Integer.toString(from))
            .redirectErrorStream(true)
            .start();
    int last = from - 1;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
      // Reads to the end: acknowledgements printed between the kill order and the process's death
      // count too.
      for (String line; (line = r.readLine()) != null; ) {
        if (!line.startsWith("ACK ")) {
          throw new AssertionError("worker said: " + line);
        }
        last = Integer.parseInt(line.substring(4));
        if (last - from + 1 == writes) {
          p.toHandle().destroyForcibly(); // SIGKILL, leaving our end of its output open
        }
      }
    }
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return last;
  }

  private static Map<String, String> contents(Path file) throws Exception {
    assertThat(Files.exists(file)).isTrue();
    Trees trees =
        Trees.on(
            TreeStore.open(
                file,
                m -> {
                  throw new AssertionError("store was corrupt after a crash: " + m);
                }));
    Map<String, String> out = new TreeMap<>();
    for (NodeResult n : trees.device().listStructure(NodeUri.of("."), true)) {
      if (n.isLeaf()) {
        out.put(n.uri().toString(), n.value().orElseThrow().text());
      }
    }
    trees.tree.close();
    return out;
  }
}
