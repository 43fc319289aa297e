package io.dmagent.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The feature set the configuration last applied, kept in {@code data/runtime/}: what the gateway
 * runs when a configuration it starts with is refused (the framework's own storage is cleaned
 * whenever the distribution changes, so it cannot live there).
 */
final class AppliedFeatures {
  private final Path file;

  AppliedFeatures(Path file) {
    this.file = file;
  }

  List<String> read() {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
          .map(String::trim)
          .filter(l -> !l.isEmpty())
          .toList();
    } catch (IOException missingOrUnreadable) {
      return List.of();
    }
  }

  void write(List<String> names) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, names, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
