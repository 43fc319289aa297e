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
      if (part.contains("..") || part.contains("\\")) {
        throw new IOException("malformed bundle location '" + location + "'");
      }
    }
    return new MavenCoordinates(
        p[0], p[1], p[2], p.length > 3 && !p[3].isEmpty() ? p[3] : "jar", p.length > 4 ? p[4] : "");
  }

  /** The file's path in a Maven repository layout. */
  String repositoryPath() {
    String file =
        artifactId + "-" + version + (classifier.isEmpty() ? "" : "-" + classifier) + "." + type;
    return groupId.replace('.', '/') + "/" + artifactId + "/" + version + "/" + file;
  }
}
