package io.dmagent.runtime;

import java.io.IOException;

/**
 * {@code mvn:groupId/artifactId/version[/type[/classifier]]} as used in Karaf feature descriptors.
 */
record MavenCoordinates(
    String groupId, String artifactId, String version, String type, String classifier) {

  static MavenCoordinates parse(String location) throws IOException {
    String[] p = location.substring("mvn:".length()).split("/", -1);
    if (p.length < 3 || p.length > 5 || p[0].isEmpty() || p[1].isEmpty() || p[2].isEmpty()) {
      throw new IOException("malformed bundle location '" + location + "'");
    }
    for (String part : p) {
      // No part may lead out of the repository folder (a group "." would make the path absolute).
      if (part.contains("..") || part.contains("\\") || part.startsWith(".")) {
        throw new IOException("malformed bundle location '" + location + "'");
      }
    }
    return new MavenCoordinates(
        p[0], p[1], p[2], p.length > 3 && !p[3].isEmpty() ? p[3] : "jar", p.length > 4 ? p[4] : "");
  }

  /** The file's path in a Maven repository layout. */
  String repositoryPath() {
    return groupId.replace('.', '/') + "/" + artifactId + "/" + version + "/" + fileName();
  }

  /** The file's name, as a Maven build writes it into {@code target/}. */
  String fileName() {
    return artifactId + "-" + version + (classifier.isEmpty() ? "" : "-" + classifier) + "." + type;
  }
}
