package io.dmagent.distribution;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Bundles made by the test, as a vendor's build would make them: a manifest, optionally classes and
 * DS XML.
 */
final class TestBundles {
  private TestBundles() {}

  /** A bundle with only a manifest: enough to be installed, started, updated and uninstalled. */
  static Path plain(Path file, String symbolicName, String version) throws IOException {
    return jar(file, symbolicName, version, Map.of(), Map.of());
  }

  static Path jar(
      Path file,
      String symbolicName,
      String version,
      Map<String, String> headers,
      Map<String, byte[]> entries)
      throws IOException {
    Manifest mf = new Manifest();
    Attributes main = mf.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.putValue("Bundle-ManifestVersion", "2");
    main.putValue("Bundle-SymbolicName", symbolicName);
    main.putValue("Bundle-Version", version);
    headers.forEach(main::putValue);
    Path tmp = file.resolveSibling(file.getFileName() + ".part");
    try (OutputStream out = Files.newOutputStream(tmp);
        JarOutputStream jar = new JarOutputStream(out, mf)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        jar.putNextEntry(new JarEntry(e.getKey()));
        jar.write(e.getValue());
        jar.closeEntry();
      }
    }
    // Appear at once, as a copy onto the gateway with mv would: FileInstall must never see half a
    // jar.
    return Files.move(
        tmp,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
