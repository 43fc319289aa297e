package io.dmagent.scomo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

/**
 * What a delivered package holds: one bundle (a jar whose manifest names a Bundle-SymbolicName), or
 * a feature package: a jar with {@code feature.properties} (name, version, description) and the
 * feature's bundles under {@code bundles/}, in the order they are installed.
 */
record ComponentPackage(
    String id, String version, String name, List<Member> bundles, boolean feature) {
  static final String FEATURE_FILE = "feature.properties";
  static final String BUNDLES_FOLDER = "bundles/";

  /** One bundle of the package and where its bytes are inside it (empty: the package itself). */
  record Member(String symbolicName, String version, String entry) {}

  ComponentPackage {
    bundles = List.copyOf(bundles);
  }

  /**
   * @throws OperationFailure 1407 when it is neither a bundle nor a feature package
   */
  static ComponentPackage read(Path file) throws OperationFailure {
    try (JarFile jar = new JarFile(file.toFile(), false)) {
      JarEntry feature = jar.getJarEntry(FEATURE_FILE);
      if (feature != null) {
        return feature(jar, feature);
      }
      Member bundle = member(jar.getManifest(), "");
      return new ComponentPackage(
          bundle.symbolicName(), bundle.version(), bundle.symbolicName(), List.of(bundle), false);
    } catch (IOException e) {
      throw new OperationFailure(
          ResultCode.PACKAGE_VALIDATION_FAILED,
          "the package is not a readable jar: " + e.getMessage());
    }
  }

  private static ComponentPackage feature(JarFile jar, JarEntry entry)
      throws IOException, OperationFailure {
    java.util.Properties p = new java.util.Properties();
    try (InputStream in = jar.getInputStream(entry)) {
      p.load(in);
    }
    String name = p.getProperty("name", "");
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
      throw new OperationFailure(
          ResultCode.PACKAGE_VALIDATION_FAILED, "feature.properties names no valid feature name");
    }
    List<Member> members = new ArrayList<>();
    for (JarEntry e : java.util.Collections.list(jar.entries())) {
      if (e.getName().startsWith(BUNDLES_FOLDER) && e.getName().endsWith(".jar")) {
        try (JarInputStream in = new JarInputStream(jar.getInputStream(e))) {
          Member m = member(in.getManifest(), e.getName());
          members.add(m);
        }
      }
    }
    if (members.isEmpty()) {
      throw new OperationFailure(
          ResultCode.PACKAGE_VALIDATION_FAILED, "feature package " + name + " holds no bundle");
    }
    members.sort(java.util.Comparator.comparing(Member::entry));
    return new ComponentPackage(
        name, p.getProperty("version", "0.0.0"), p.getProperty("description", name), members, true);
  }

  private static Member member(Manifest manifest, String entry) throws OperationFailure {
    Attributes main = manifest == null ? new Attributes() : manifest.getMainAttributes();
    String bsn = main.getValue("Bundle-SymbolicName");
    if (bsn == null || bsn.isBlank()) {
      throw new OperationFailure(
          ResultCode.PACKAGE_VALIDATION_FAILED,
          (entry.isEmpty() ? "the package" : entry) + " is no bundle (no Bundle-SymbolicName)");
    }
    String version = main.getValue("Bundle-Version");
    return new Member(bsn.split(";")[0].trim(), version == null ? "0.0.0" : version.trim(), entry);
  }

  /** The bytes of one member: the package file itself, or its entry. */
  static InputStream open(Path file, Member member) throws IOException {
    if (member.entry().isEmpty()) {
      return Files.newInputStream(file);
    }
    JarFile jar = new JarFile(file.toFile(), false);
    JarEntry e = jar.getJarEntry(member.entry());
    InputStream in = jar.getInputStream(e);
    return new java.io.FilterInputStream(in) {
      @Override
      public void close() throws IOException {
        try {
          super.close();
        } finally {
          jar.close();
        }
      }
    };
  }
}
