package io.dmagent.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/dmagent's class-data archive, as a gateway goes through it: the first start writes it from
 * its own JVM once ready, with the classes of the bundles' class loaders, and every later start
 * maps it into the JVM.
 */
class ClassDataArchiveIT {
  private static final String WRITTEN = "class-data archive of this installation written";

  @TempDir Path dir;

  @Test
  void the_first_start_archives_the_classes_it_loaded_bundles_included_and_later_starts_map_them()
      throws Exception {
    Path home = RunningAgent.install(dir);
    Path cds = home.resolve("data/cds");

    try (RunningAgent first = RunningAgent.start(home)) {
      first.awaitLine("DM Agent ready");
      first.awaitLine(l -> l.contains(WRITTEN) || l.contains("no class-data archive"));
      assertThat(first.terminate()).isIn(0, 143);
      assertThat(first.lines())
          .anyMatch(l -> l.contains(WRITTEN))
          .noneMatch(ClassDataArchiveIT::noise);
    }
    Path archive = archiveIn(cds).orElseThrow(() -> new AssertionError("no archive in " + cds));
    assertThat(cds.resolve(archive.getFileName() + ".failed")).doesNotExist();
    // Loaded by the framework's bundle class loaders, which a list-based archive cannot hold.
    assertThat(holdsClass(archive, "io/dmagent/tree/DmTreeService")).isTrue();
    assertThat(holdsClass(archive, "org/apache/felix/scr/impl/Activator")).isTrue();

    try (RunningAgent second = RunningAgent.start(home)) {
      second.awaitLine("DM Agent ready");
      assertThat(mappedFiles(second)).contains(archive.toString());
      second.terminate();
      assertThat(second.lines())
          .noneMatch(l -> l.contains(WRITTEN))
          .noneMatch(ClassDataArchiveIT::noise);
    }
    try (RunningAgent without = RunningAgent.start(home, Map.of("DMAGENT_CDS", "off"))) {
      without.awaitLine("DM Agent ready");
      assertThat(mappedFiles(without)).doesNotContain(archive.toString());
      without.terminate();
    }
  }

  @Test
  void a_first_start_stopped_while_it_writes_its_archive_exits_cleanly_with_the_archive_whole()
      throws Exception {
    for (int round = 1; round <= 3; round++) {
      Path home = RunningAgent.install(dir.resolve("round-" + round));
      try (RunningAgent first = RunningAgent.start(home)) {
        first.awaitLine("Dynamic dump to file");

        // The dump runs now; the stop waits for it (JDK 17 crashed when the two overlapped).
        assertThat(first.terminate()).as("exit code of round " + round).isIn(0, 143);
        assertThat(first.lines()).noneMatch(l -> l.contains("SIGSEGV") || l.contains("hs_err"));
      }
      try (var files = Files.list(home.resolve("data/cds"))) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .noneMatch(n -> n.endsWith(".partial"));
      }
    }
  }

  @Test
  void a_dump_the_jvm_died_in_is_not_asked_for_again_and_later_starts_run_unarchived()
      throws Exception {
    Path home = RunningAgent.install(dir);
    Path cds = home.resolve("data/cds");
    try (RunningAgent first = RunningAgent.start(home)) {
      first.awaitLine(WRITTEN);
      first.terminate();
    }
    // What a JVM that died in the middle of the dump leaves: the partial file, no archive.
    Path archive = archiveIn(cds).orElseThrow();
    Path partial = archive.resolveSibling(archive.getFileName() + ".partial");
    Files.move(archive, partial);

    try (RunningAgent second = RunningAgent.start(home)) {
      second.awaitLine("DM Agent ready");
      assertThat(mappedFiles(second)).noneMatch(f -> f.startsWith(cds.toString()));
      second.terminate();
      assertThat(second.lines())
          .filteredOn(l -> l.contains("class-data archive"))
          .singleElement()
          .asString()
          .startsWith("WARN dmagent: the last start died while it wrote the class-data archive");
    }
    assertThat(partial).doesNotExist();
    assertThat(archive.resolveSibling(archive.getFileName() + ".failed")).exists();

    try (RunningAgent third = RunningAgent.start(home)) {
      third.awaitLine("DM Agent ready");
      third.terminate();
      assertThat(third.lines()).noneMatch(l -> l.contains("class-data archive"));
    }
  }

  /** What the operator must not see: errors, and the JVM's own remarks on what it archives. */
  private static boolean noise(String line) {
    return line.contains("ERROR") || line.contains("[cds") || line.contains("[warning]");
  }

  private static Optional<Path> archiveIn(Path cds) throws IOException {
    try (var files = Files.list(cds)) {
      return files
          .filter(p -> p.getFileName().toString().matches("dmagent-\\d+\\.jsa"))
          .findFirst();
    }
  }

  /** Whether the archive names the class (its symbol table holds the internal name). */
  private static boolean holdsClass(Path archive, String internalName) throws IOException {
    byte[] bytes = Files.readAllBytes(archive);
    byte[] name = internalName.getBytes(StandardCharsets.US_ASCII);
    outer:
    for (int i = 0; i <= bytes.length - name.length; i++) {
      for (int k = 0; k < name.length; k++) {
        if (bytes[i + k] != name[k]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
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
