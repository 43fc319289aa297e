package io.dmagent.codec.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.testing.ThirdPartyVectors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test inputs: the third-party vectors in shared/vectors beside the repository, the DDFs the stdobj
 * bundle ships, and this module's test resources. A missing DDF or resource fails the test.
 */
public final class Vectors {
  private Vectors() {}

  /** A third-party vector: skipped when missing outside CI (see {@link ThirdPartyVectors}). */
  public static byte[] shared(String relative) {
    return ThirdPartyVectors.bytes(relative);
  }

  /** The DDFs of bundles/stdobj, read from its sources (this module's folder is the cwd). */
  public static byte[] stdobjDdf(String name) {
    return read(Path.of("../stdobj/src/main/resources/ddf").resolve(name));
  }

  public static byte[] resource(String name) {
    try (InputStream in = Vectors.class.getResourceAsStream("/" + name)) {
      assertThat(in).as("test resource %s", name).isNotNull();
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(Path p) {
    assertThat(Files.exists(p)).as("test input %s", p.toAbsolutePath()).isTrue();
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
