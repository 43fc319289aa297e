package io.dmagent.fumo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A new version's default configuration files that the operator's {@code config/} lacks are added
 * to it; files that exist stay as the operator left them, whichever version runs.
 */
final class ConfigDefaults {
  private ConfigDefaults() {}

  /** Copies the missing files; returns those added and names those it could not add. */
  static List<Path> addMissing(Path defaults, Path config, List<String> notAdded)
      throws IOException {
    List<Path> added = new ArrayList<>();
    if (!Files.isDirectory(defaults)) {
      return added;
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(defaults)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    for (Path file : files) {
      Path rel = defaults.relativize(file);
      Path target = config.resolve(rel.toString());
      if (Files.exists(target)) {
        continue;
      }
      try {
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
        added.add(rel);
      } catch (IOException e) {
        notAdded.add(rel.toString());
      }
    }
    return added;
  }
}
