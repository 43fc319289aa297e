package io.dmagent.scomo;

import java.util.Optional;

/**
 * The path of an {@code mvn:group/artifact/version[/type[/classifier]]} location in a Maven
 * repository layout (the distribution's {@code system/} folder).
 */
final class MavenPath {
  private MavenPath() {}

  static Optional<String> of(String location) {
    String[] parts = location.substring("mvn:".length()).split("/");
    if (parts.length < 3 || parts.length > 5) {
      return Optional.empty();
    }
    for (String p : parts) {
      if (p.isEmpty() || p.contains("..") || p.contains("\\")) {
        return Optional.empty();
      }
    }
    String type = parts.length > 3 ? parts[3] : "jar";
    String classifier = parts.length > 4 ? "-" + parts[4] : "";
    return Optional.of(
        parts[0].replace('.', '/')
            + "/"
            + parts[1]
            + "/"
            + parts[2]
            + "/"
            + parts[1]
            + "-"
            + parts[2]
            + classifier
            + "."
            + type);
  }
}
