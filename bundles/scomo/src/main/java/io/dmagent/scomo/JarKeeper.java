package io.dmagent.scomo;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.osgi.framework.Bundle;

/**
 * The jars SCOMO needs to undo an update: the one it installed last of each bundle ({@code
 * installed/}) and the version an unconfirmed update replaced ({@code previous/}). A bundle SCOMO
 * never installed is found where its location says: {@code mvn:} in the distribution's {@code
 * system/} folder, {@code file:} on disk.
 */
final class JarKeeper {
  private final Path installed;
  private final Path previous;
  private final Path system;

  JarKeeper(Path folder, Path system) {
    this.installed = folder.resolve("installed");
    this.previous = folder.resolve("previous");
    this.system = system;
  }

  /**
   * Keeps the jar {@code b} runs now as its previous version.
   *
   * @return where it is kept; empty when its bytes cannot be found
   */
  Optional<Path> keepPrevious(Bundle b) throws IOException {
    Optional<Path> source = current(b);
    if (source.isEmpty()) {
      return Optional.empty();
    }
    Path target = previous.resolve(b.getSymbolicName() + ".jar");
    try (InputStream in = Files.newInputStream(source.get())) {
      DurableFile.copy(in, target);
    }
    return Optional.of(target);
  }

  void keepInstalled(String symbolicName, InputStream in) throws IOException {
    DurableFile.copy(in, installed.resolve(symbolicName + ".jar"));
  }

  void restoreInstalled(String symbolicName, Path previousJar) throws IOException {
    try (InputStream in = Files.newInputStream(previousJar)) {
      keepInstalled(symbolicName, in);
    }
  }

  void forgetInstalled(String symbolicName) throws IOException {
    Files.deleteIfExists(installed.resolve(symbolicName + ".jar"));
  }

  void discard(Path previousJar) throws IOException {
    Files.deleteIfExists(previousJar);
  }

  private Optional<Path> current(Bundle b) {
    Path kept = installed.resolve(b.getSymbolicName() + ".jar");
    if (Files.isRegularFile(kept)) {
      return Optional.of(kept);
    }
    String location = b.getLocation();
    if (location.startsWith("mvn:")) {
      return MavenPath.of(location).map(system::resolve).filter(Files::isRegularFile);
    }
    if (location.startsWith("file:")) {
      try {
        return Optional.of(Path.of(URI.create(location))).filter(Files::isRegularFile);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
