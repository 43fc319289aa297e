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
