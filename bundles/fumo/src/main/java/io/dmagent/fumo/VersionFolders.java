package io.dmagent.fumo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code data/versions/}: the installed distributions beside the factory one (the agent's home) and
 * the files through which the agent and {@code bin/dmagent} agree on which one runs. The agent
 * writes {@code trial} (a version to try) and, once the version proved itself, {@code current} and
 * {@code previous}; {@code bin/dmagent} writes {@code trial.started} when it starts the trial,
 * {@code trial.failed} when its watchdog stops it, and {@code rollback} when it switched back.
 */
final class VersionFolders {
  static final String FACTORY = "factory";
  private static final String VERSION = "version";

  private final Path folder;

  VersionFolders(Path folder) {
    this.folder = folder;
  }

  Path folder() {
    return folder;
  }

  Path of(String version) {
    return folder.resolve(version);
  }

  /** Asks bin/dmagent to start {@code version} at the next start, for {@code seconds} at most. */
  void startTrial(String version, int seconds) throws IOException {
    Files.deleteIfExists(folder.resolve("trial.started"));
    Files.deleteIfExists(folder.resolve("trial.failed"));
    Files.deleteIfExists(folder.resolve("rollback"));
    Properties p = new Properties();
    p.setProperty(VERSION, version);
    p.setProperty("seconds", Integer.toString(seconds));
    write("trial", p);
  }

  /** The version bin/dmagent is to try or tries, if any. */
  Optional<String> trial() {
    return read("trial").map(p -> p.getProperty(VERSION));
  }

  /** True when {@code running} is the version on trial (bin/dmagent started it as such). */
  boolean onTrial(String running) {
    return trial().filter(running::equals).isPresent()
        && Files.exists(folder.resolve("trial.started"));
  }

  /** The version bin/dmagent switched back from, and why. */
  Optional<Rollback> rollback() {
    return read("rollback")
        .map(p -> new Rollback(p.getProperty(VERSION, ""), p.getProperty("reason", "unknown")));
  }

  void clearRollback() throws IOException {
    Files.deleteIfExists(folder.resolve("rollback"));
  }

  /**
   * The trial version proved itself: it becomes {@code current}, the one before it {@code
   * previous}, and every other installed version is deleted.
   */
  void confirm(String version) throws IOException {
    String before = current().orElse(FACTORY);
    if (!before.equals(version)) {
      writeLine("previous", before);
    }
    writeLine("current", version);
    Files.deleteIfExists(folder.resolve("trial"));
    Files.deleteIfExists(folder.resolve("trial.started"));
    Files.deleteIfExists(folder.resolve("trial.failed"));
    prune(Set.of(version, previous().orElse(FACTORY)));
  }

  Optional<String> current() {
    return readLine("current");
  }

  Optional<String> previous() {
    return readLine("previous");
  }

  private void prune(Set<String> keep) throws IOException {
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(folder, Files::isDirectory)) {
      for (Path dir : dirs) {
        if (!keep.contains(dir.getFileName().toString())) {
          deleteTree(dir);
        }
      }
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files
          .sorted(Comparator.reverseOrder())
          .forEach(
              f -> {
                try {
                  Files.delete(f);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private Optional<Properties> read(String name) {
    Path file = folder.resolve(name);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
      return Optional.of(p);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private Optional<String> readLine(String name) {
    try {
      Path file = folder.resolve(name);
      return Files.isRegularFile(file)
          ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim())
              .filter(s -> !s.isEmpty())
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private void write(String name, Properties p) throws IOException {
    Files.createDirectories(folder);
    Path tmp = folder.resolve(name + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      p.store(out, null);
    }
    Files.move(tmp, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  private void writeLine(String name, String value) throws IOException {
    Files.createDirectories(folder);
    Path tmp = folder.resolve(name + ".tmp");
    Files.writeString(tmp, value + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  /** The version bin/dmagent switched back from, and the reason it gave. */
  record Rollback(String version, String reason) {}
}
