package io.dmagent.fumo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Unpacks a firmware package (a signed jar holding a distribution tree: {@code RELEASE}, {@code
 * bin/}, {@code lib/}, {@code system/}, {@code config/}, ...) into {@code
 * data/versions/<version>/}. The signature was verified before; here the package must be a DM Agent
 * distribution of another version than the running one, no entry may leave the target folder, and
 * the unpacked size is bounded.
 */
final class PackageInstaller {
  static final List<String> REQUIRED =
      List.of("lib/dmagent-launcher.jar", "lib/felix.jar", "system/features.xml");
  private static final String VERSION_PATTERN = "[A-Za-z0-9][A-Za-z0-9._+-]{0,63}";

  private final VersionFolders versions;
  private final long maxUnpackedBytes;

  PackageInstaller(VersionFolders versions, long maxUnpackedBytes) {
    this.versions = versions;
    this.maxUnpackedBytes = maxUnpackedBytes;
  }

  /** Unpacks the package; returns its version. */
  String install(Path jar, String running) throws FumoFailure, IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      String version = version(zip);
      if (version.equals(running)) {
        throw new FumoFailure(
            ResultCode.NOT_ACCEPTABLE, "version " + version + " is the one running");
      }
      Path target = versions.of(version);
      Path staging = versions.folder().resolve(version + ".unpacking");
      VersionFolders.deleteTree(staging);
      Files.createDirectories(staging);
      unpack(zip, staging);
      for (String required : REQUIRED) {
        if (!Files.isRegularFile(staging.resolve(required))) {
          VersionFolders.deleteTree(staging);
          throw new FumoFailure(
              ResultCode.PACKAGE_MISMATCH, "not a DM Agent distribution: no " + required);
        }
      }
      VersionFolders.deleteTree(target);
      Files.move(staging, target);
      return version;
    }
  }

  private static String version(ZipFile zip) throws FumoFailure, IOException {
    ZipEntry release = zip.getEntry("RELEASE");
    if (release == null) {
      throw new FumoFailure(
          ResultCode.PACKAGE_MISMATCH, "not a DM Agent distribution: no RELEASE file");
    }
    Properties p = new Properties();
    try (InputStream in = zip.getInputStream(release)) {
      p.load(in);
    }
    String version = p.getProperty("version", "").trim();
    if (!version.matches(VERSION_PATTERN)) {
      throw new FumoFailure(ResultCode.PACKAGE_MISMATCH, "RELEASE names no valid version");
    }
    return version;
  }

  private void unpack(ZipFile zip, Path staging) throws FumoFailure, IOException {
    long total = 0;
    for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
      ZipEntry entry = e.nextElement();
      String name = entry.getName();
      if (name.startsWith("META-INF/")) {
        continue;
      }
      Path out = staging.resolve(name).normalize();
      if (!out.startsWith(staging) || out.equals(staging)) {
        VersionFolders.deleteTree(staging);
        throw new FumoFailure(ResultCode.CORRUPTED_PACKAGE, "an entry leaves the package's folder");
      }
      if (entry.isDirectory()) {
        Files.createDirectories(out);
        continue;
      }
      Files.createDirectories(out.getParent());
      try (InputStream in = zip.getInputStream(entry)) {
        total += copyBounded(in, out, maxUnpackedBytes - total);
      } catch (FumoFailure f) {
        VersionFolders.deleteTree(staging);
        throw f;
      }
      if (name.startsWith("bin/")) {
        out.toFile().setExecutable(true, true);
      }
    }
  }

  private static long copyBounded(InputStream in, Path out, long room)
      throws IOException, FumoFailure {
    byte[] buffer = new byte[64 * 1024];
    long count = 0;
    try (var file = Files.newOutputStream(out)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        count += n;
        if (count > room) {
          throw new FumoFailure(
              ResultCode.OUT_OF_MEMORY_UPDATE, "the unpacked package exceeds its bound");
        }
        file.write(buffer, 0, n);
      }
    }
    return count;
  }
}
