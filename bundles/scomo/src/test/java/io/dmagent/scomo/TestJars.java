package io.dmagent.scomo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Bundles made at test time: a manifest and, optionally, an activator class. */
final class TestJars {
  private TestJars() {}

  static Path bundle(Path dir, String bsn, String version) throws IOException {
    return bundle(dir, bsn, version, null);
  }

  static Path bundle(Path dir, String bsn, String version, Class<?> activator) throws IOException {
    Path jar = dir.resolve(bsn + "-" + version + (activator == null ? "" : "-a") + ".jar");
    Manifest m = new Manifest();
    Attributes a = m.getMainAttributes();
    a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    a.putValue("Bundle-ManifestVersion", "2");
    a.putValue("Bundle-SymbolicName", bsn);
    a.putValue("Bundle-Version", version);
    a.putValue("Bundle-Name", "Test bundle " + bsn);
    if (activator != null) {
      a.putValue("Bundle-Activator", activator.getName());
      a.putValue("Import-Package", "org.osgi.framework");
    }
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out, m)) {
      if (activator != null) {
        String entry = activator.getName().replace('.', '/') + ".class";
        j.putNextEntry(new JarEntry(entry));
        try (InputStream in = activator.getClassLoader().getResourceAsStream(entry)) {
          in.transferTo(j);
        }
        j.closeEntry();
      }
    }
    return jar;
  }

  /** A feature package: feature.properties and the bundles under bundles/. */
  static Path feature(Path dir, String name, String version, Path... bundles) throws IOException {
    Path jar = dir.resolve("feature-" + name + "-" + version + ".jar");
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out, m)) {
      j.putNextEntry(new JarEntry(ComponentPackage.FEATURE_FILE));
      j.write(
          ("name=" + name + "\nversion=" + version + "\ndescription=Test feature " + name + "\n")
              .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      j.closeEntry();
      for (Path b : bundles) {
        j.putNextEntry(new JarEntry(ComponentPackage.BUNDLES_FOLDER + b.getFileName()));
        Files.copy(b, j);
        j.closeEntry();
      }
    }
    return jar;
  }
}
