package io.dmagent.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The framework cache ({@code data/framework}), kept between starts of one distribution: the
 * bundles are not copied into it again and their revisions not rebuilt at every start. It is made
 * anew when the distribution that runs is another one (a FUMO update or its rollback switches
 * folders), when the framework or the launcher changed ({@code lib/}), when the features descriptor
 * changed (the boot feature's order is the order of the bundles in the cache), and when the
 * operator asks ({@code bin/dmagent --clean}). A bundle file replaced under the same distribution
 * is the runtime's concern: it updates the bundle from it ({@code io.dmagent.runtime.BundleFiles}).
 *
 * <p>What the cache was made with is kept beside it, in {@code data/framework.made}: the
 * distribution's folder and the names, sizes and modification times of its {@code lib/} files and
 * of {@code system/features.xml}.
 */
final class FrameworkCache {
  /** The argument that asks for a clean start. */
  static final String CLEAN_ARGUMENT = "--clean";

  private final Path folder;
  private final Path made;
  private final Path dist;
  private final String fingerprint;

  private FrameworkCache(Path folder, Path dist, String fingerprint) {
    this.folder = folder;
    this.made = folder.resolveSibling(folder.getFileName() + ".made");
    this.dist = dist;
    this.fingerprint = fingerprint;
  }

  /** The cache in {@code data/framework} for the distribution in {@code dist}. */
  static FrameworkCache of(Path data, Path dist) throws IOException {
    return new FrameworkCache(data.resolve("framework"), dist, fingerprint(dist));
  }

  Path folder() {
    return folder;
  }

  /**
   * Why this start must begin with a clean cache; empty when the cache can be kept.
   *
   * @param asked the operator asked for a clean start
   */
  Optional<String> cleanReason(boolean asked) {
    if (asked) {
      return Optional.of("asked for (" + CLEAN_ARGUMENT + ")");
    }
    if (!Files.isDirectory(folder)) {
      return Optional.of("there is none yet");
    }
    Properties before = new Properties();
    try (InputStream in = Files.newInputStream(made)) {
      before.load(in);
    } catch (IOException | IllegalArgumentException e) {
      return Optional.of("no record of the distribution it was made for (" + made + ")");
    }
    if (!dist.toString().equals(before.getProperty("dist"))) {
      return Optional.of(
          "it was made for the distribution in "
              + before.getProperty("dist", "?")
              + ", this one runs from "
              + dist);
    }
    if (!fingerprint.equals(before.getProperty("fingerprint"))) {
      return Optional.of("the distribution's lib/ or system/features.xml changed");
    }
    return Optional.empty();
  }

  /** Forgets what the cache was made for: until {@link #madeNow()}, the next start cleans it. */
  void forget() throws IOException {
    Files.deleteIfExists(made);
  }

  /** Records that the cache is now the one of this distribution. */
  void madeNow() throws IOException {
    Properties p = new Properties();
    p.setProperty("dist", dist.toString());
    p.setProperty("fingerprint", fingerprint);
    Path tmp = made.resolveSibling(made.getFileName() + ".tmp");
    try (var out = Files.newOutputStream(tmp)) {
      p.store(out, "the distribution data/framework was made for");
    }
    Files.move(tmp, made, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Names, sizes and modification times: one {@code stat} per file, as a new build or another
   * version changes at least one of them.
   */
  static String fingerprint(Path dist) throws IOException {
    List<Path> files;
    try (Stream<Path> lib = Files.walk(dist.resolve("lib"))) {
      files = new ArrayList<>(lib.filter(Files::isRegularFile).sorted().toList());
    }
    files.add(dist.resolve("system/features.xml"));
    StringBuilder out = new StringBuilder();
    for (Path file : files) {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      out.append(dist.relativize(file))
          .append('|')
          .append(a.size())
          .append('|')
          .append(a.lastModifiedTime().toMillis())
          .append(';');
    }
    return out.toString();
  }
}
