package io.dmagent.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * What each feature bundle in the framework cache was installed from: the file's path, size,
 * modification time and file key (inode), as they were when its bytes were read. The cache is kept
 * between starts, so a bundle whose file no longer matches (a jar replaced by a new build) must be
 * updated from it before it runs; comparing these attributes costs one {@code stat} per bundle,
 * where a digest would read every jar at every start. A file touched without a change is updated
 * once, needlessly but correctly.
 *
 * <p>Kept in the system bundle's data area, so that it lives and dies with the cache it describes:
 * a clean start deletes both.
 */
public final class InstalledFiles {
  /** The name of the record in the system bundle's data area. */
  public static final String NAME = "dmagent-installed-files.properties";

  private final Path file;
  private final Properties entries = new Properties();

  private InstalledFiles(Path file) {
    this.file = file;
  }

  /** The record at {@code file}; none yet (a clean cache) or unreadable reads as empty. */
  public static InstalledFiles at(Path file) {
    InstalledFiles out = new InstalledFiles(file);
    try (InputStream in = Files.newInputStream(file)) {
      out.entries.load(in);
    } catch (IOException | IllegalArgumentException noneOrDamaged) {
      // Every installed bundle then counts as not current and is updated from its file once.
      out.entries.clear();
    }
    return out;
  }

  /**
   * True when the bundle at {@code location} was installed from {@code bundleFile} as it is now. An
   * unknown location (installed before this record existed) is not current.
   *
   * @throws NoSuchFileException when the file is missing
   */
  public boolean isCurrent(String location, Path bundleFile) throws IOException {
    return signature(bundleFile).equals(entries.getProperty(location));
  }

  /** Records that the bundle at {@code location} now runs the bytes of {@code bundleFile}. */
  public void installedFrom(String location, Path bundleFile) throws IOException {
    entries.setProperty(location, signature(bundleFile));
  }

  /** Forgets a location that is no longer installed. */
  public void forget(String location) {
    entries.remove(location);
  }

  /** Writes the record, whole or not at all. */
  public void save() throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      entries.store(out, "feature bundles: path|size|modified(ns)|file key of the installed file");
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String signature(Path bundleFile) throws IOException {
    Path path = bundleFile.toAbsolutePath().normalize();
    BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
    return path
        + "|"
        + a.size()
        + "|"
        + a.lastModifiedTime().to(TimeUnit.NANOSECONDS)
        + "|"
        + a.fileKey();
  }
}
