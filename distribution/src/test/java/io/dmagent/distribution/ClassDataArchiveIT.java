package io.dmagent.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/dmagent's class-data archive, as a gateway goes through it: the first start records the
 * classes, the second makes the archive in the background, later starts map it into the JVM.
 */
class ClassDataArchiveIT {
  private static final Duration DUMP_PATIENCE = Duration.ofMinutes(3);

  @TempDir Path dir;

  @Test
  void the_first_start_records_the_classes_the_second_archives_them_and_later_starts_map_them()
      throws Exception {
    Path home = RunningAgent.install(dir);
    Path cds = home.resolve("data/cds");

    startAndStop(home, Map.of());
    assertThat(cds.resolve("classes.lst")).isNotEmptyFile();
    assertThat(Files.readString(cds.resolve("classes.lst")))
        .contains("org/apache/felix/framework/Felix", "io/dmagent/launcher/Main");

    startAndStop(home, Map.of());
    Path archive = awaitArchive(cds);

    try (RunningAgent third = RunningAgent.start(home)) {
      third.awaitLine("DM Agent ready");
      assertThat(mappedFiles(third)).contains(archive.toString());
      third.terminate();
      assertThat(third.lines()).noneMatch(l -> l.contains("ERROR") || l.contains("[cds]"));
    }
    try (RunningAgent without = RunningAgent.start(home, Map.of("DMAGENT_CDS", "off"))) {
      without.awaitLine("DM Agent ready");
      assertThat(mappedFiles(without)).doesNotContain(archive.toString());
      without.terminate();
    }
  }

  private static void startAndStop(Path home, Map<String, String> env) throws Exception {
    try (RunningAgent agent = RunningAgent.start(home, env)) {
      agent.awaitLine("DM Agent ready");
      assertThat(agent.terminate()).isIn(0, 143);
    }
  }

  /** The archive the second start makes at low priority: a few seconds of CPU on a busy machine. */
  private static Path awaitArchive(Path cds) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + DUMP_PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<Path> made = archiveIn(cds);
      if (made.isPresent()) {
        return made.get();
      }
      try (var files = Files.list(cds)) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .as("the dump failed")
            .noneMatch(n -> n.endsWith(".failed"));
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no class-data archive in " + cds + " after " + DUMP_PATIENCE);
  }

  private static Optional<Path> archiveIn(Path cds) throws IOException {
    try (var files = Files.list(cds)) {
      return files
          .filter(p -> p.getFileName().toString().matches("dmagent-\\d+\\.jsa"))
          .findFirst();
    }
  }

  /** The files the agent's JVM has mapped (Linux). */
  private static List<String> mappedFiles(RunningAgent agent) throws IOException {
    return Files.readAllLines(Path.of("/proc/" + agent.pid() + "/maps")).stream()
        .map(l -> l.replaceFirst("^(\\S+\\s+){5}", "").trim())
        .filter(l -> l.startsWith("/"))
        .distinct()
        .toList();
  }
}
