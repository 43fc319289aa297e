package io.dmagent.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The third-party vectors in shared/vectors beside the repository; a missing vector fails the test.
 */
final class Vectors {
  private Vectors() {}

  static Path path(String relative) {
    Path p =
        Path.of(System.getProperty("dmagent.vectors", "../../../shared/vectors")).resolve(relative);
    assertThat(Files.exists(p)).as("test vector %s", p).isTrue();
    return p;
  }

  static byte[] bytes(String relative) throws IOException {
    return Files.readAllBytes(path(relative));
  }
}
