package io.dmagent.api.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Test inputs written by other DM implementations (AOSP, Funambol, libdmclient, libwbxml...): the
 * folder {@code shared/vectors} beside the clone, or wherever {@code -Ddmagent.vectors} points.
 * They stay outside the repository (other licences), so a fresh clone may not have them: then a
 * test that needs one is skipped with a message naming the missing file and how to get it; on CI
 * (environment variable {@code CI} set) it fails instead, because CI must run every test.
 *
 * <p>Shared by the modules' tests as the api's test jar.
 */
public final class ThirdPartyVectors {
  /** System property naming the vectors folder (set by the build, overridable with -D). */
  public static final String PROPERTY = "dmagent.vectors";

  private final Path root;
  private final boolean ci;

  ThirdPartyVectors(Path root, boolean ci) {
    this.root = root;
    this.ci = ci;
  }

  /** The folder the build names, and CI as the environment says. */
  public static ThirdPartyVectors fromBuild() {
    return new ThirdPartyVectors(
        Path.of(System.getProperty(PROPERTY, "../../../shared/vectors")),
        System.getenv("CI") != null);
  }

  /** The vector's path; skips the test (fails it on CI) when it is missing. */
  public static Path path(String relative) {
    return fromBuild().require(relative);
  }

  public static byte[] bytes(String relative) {
    try {
      return Files.readAllBytes(path(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path require(String relative) {
    Path p = root.resolve(relative);
    if (Files.exists(p)) {
      return p;
    }
    String missing =
        "third-party test vector "
            + p.toAbsolutePath().normalize()
            + " is missing (put the vectors in shared/vectors beside the clone or point"
            + " -D"
            + PROPERTY
            + "=<folder> at them; README, section Tests)";
    if (ci) {
      throw new AssertionError("on CI every test runs: " + missing);
    }
    Assumptions.abort("skipped: " + missing);
    throw new IllegalStateException("unreachable: abort throws");
  }
}
