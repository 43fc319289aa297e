package io.dmagent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleManifestTest {
  @Test
  void the_services_of_a_bnd_provide_capability_header_are_read() {
    String header =
        "osgi.service;objectClass:List<String>=\"io.dmagent.api.transport.DmTransport\";"
            + "uses:=\"io.dmagent.api.transport\",osgi.service;objectClass:List<String>="
            + "\"a.B,c.D\",osgi.extender;osgi.extender=\"osgi.component\"";

    assertThat(BundleManifest.services(header))
        .containsExactly(FeatureSetCheck.TRANSPORT, "a.B", "c.D");
  }

  @Test
  void a_bundle_without_the_header_provides_nothing() {
    assertThat(BundleManifest.services(null)).isEmpty();
  }

  @Test
  void a_fragment_of_the_system_bundle_is_a_framework_extension() {
    assertThat(
            BundleManifest.extendsFramework(
                "system.bundle;extension:=framework", "org.apache.felix.framework"))
        .isTrue();
    assertThat(
            BundleManifest.extendsFramework(
                "org.apache.felix.framework; extension:=framework", "org.apache.felix.framework"))
        .isTrue();
  }

  @Test
  void a_plain_bundle_or_a_fragment_of_another_bundle_is_no_framework_extension() {
    assertThat(BundleManifest.extendsFramework(null, "org.apache.felix.framework")).isFalse();
    assertThat(BundleManifest.extendsFramework("io.dmagent.tree", "org.apache.felix.framework"))
        .isFalse();
  }

  @TempDir Path dir;

  /** A jar whose manifest has a main section and, as a signed jar's, one section per entry. */
  private Path jar(String main, int entrySections, boolean directoryFirst) throws IOException {
    StringBuilder mf = new StringBuilder(main.replace("\n", "\r\n")).append("\r\n");
    for (int i = 0; i < entrySections; i++) {
      mf.append("Name: org/example/C")
          .append(i)
          .append(".class\r\n")
          .append("SHA-256-Digest: 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\r\n\r\n");
    }
    Path file = dir.resolve("b" + System.nanoTime() + ".jar");
    try (OutputStream os = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(os)) {
      if (directoryFirst) {
        zip.putNextEntry(new ZipEntry("META-INF/"));
        zip.closeEntry();
      }
      zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
      zip.write(mf.toString().getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("org/example/C0.class"));
      zip.write(new byte[] {1, 2, 3});
      zip.closeEntry();
    }
    return file;
  }

  @Test
  void a_signed_bundles_name_version_and_services_come_from_its_main_section() throws Exception {
    Path file =
        jar(
            "Manifest-Version: 1.0\nBundle-SymbolicName: org.example.big;singleton:=true\n"
                + "Bundle-Version: 1.84.0\nProvide-Capability: osgi.service;objectClass:List<Str\n"
                + " ing>=\"io.dmagent.api.transport.DmTransport\"\n",
            5_000,
            true);

    BundleManifest m = BundleManifest.read(file);

    assertThat(m.symbolicName()).isEqualTo("org.example.big");
    assertThat(m.version()).isEqualTo("1.84.0");
    assertThat(m.provides("io.dmagent.api.transport.DmTransport")).isTrue();
  }

  @Test
  void a_jar_without_a_symbolic_name_is_not_a_bundle() throws Exception {
    Path file = jar("Manifest-Version: 1.0\nCreated-By: hand\n", 0, false);

    Assertions.assertThatThrownBy(() -> BundleManifest.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no Bundle-SymbolicName");
  }

  @Test
  void the_main_section_ends_at_the_first_empty_line() throws Exception {
    byte[] manifest =
        "Manifest-Version: 1.0\r\nA: 1\r\n\r\nName: x\r\nB: 2\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    String main =
        new String(
            BundleManifest.mainSection(new ByteArrayInputStream(manifest)),
            StandardCharsets.US_ASCII);

    assertThat(main).isEqualTo("Manifest-Version: 1.0\r\nA: 1\r\n\r\n");
  }
}
