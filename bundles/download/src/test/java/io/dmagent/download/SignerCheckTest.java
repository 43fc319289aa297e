package io.dmagent.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.download.DownloadException;
import io.dmagent.api.download.DownloadFailure;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignerCheckTest {
  private static TestSigners operator;
  private static TestSigners.Signer release;
  @TempDir Path dir;

  @BeforeAll
  static void pki() throws Exception {
    operator = TestSigners.ca("Operator Release CA");
    release = operator.signer("Operator Release 2026");
  }

  private SignerCheck check(boolean allowUnsigned) throws Exception {
    Path store = operator.trustStore(dir.resolve("packages.p12"));
    return new SignerCheck(
        TrustStore.load(store, TestSigners.PASSWORD.toCharArray()), allowUnsigned);
  }

  private Path plainJar() throws Exception {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n\r\n");
    entries.put("dmagent/lib/felix.jar", "the framework");
    entries.put("dmagent/system/features.xml", "<features/>");
    return TestSigners.jar(dir.resolve("plain.jar"), entries);
  }

  private Path signedJar() throws Exception {
    Path signed = dir.resolve("signed.jar");
    release.sign(plainJar(), signed);
    return signed;
  }

  @Test
  void jar_signed_by_a_trusted_signer_names_the_signer() throws Exception {
    assertThat(check(false).verify(signedJar())).contains("CN=Operator Release 2026");
  }

  @Test
  void unsigned_jar_is_refused_unless_allowed() throws Exception {
    Path jar = plainJar();
    assertThatThrownBy(() -> check(false).verify(jar))
        .isInstanceOf(DownloadException.class)
        .extracting(e -> ((DownloadException) e).failure())
        .isEqualTo(DownloadFailure.UNSIGNED);
    assertThat(check(true).verify(jar)).isEmpty();
  }

  @Test
  void tampered_entry_is_refused() throws Exception {
    Path tampered = rewrite(signedJar(), "dmagent/lib/felix.jar", "the framework, patched");
    assertThatThrownBy(() -> check(false).verify(tampered))
        .extracting(e -> ((DownloadException) e).failure())
        .isEqualTo(DownloadFailure.BAD_SIGNATURE);
  }

  @Test
  void entry_added_after_signing_is_refused() throws Exception {
    Path grown = rewrite(signedJar(), "dmagent/bin/backdoor", "#!/bin/sh");
    assertThatThrownBy(() -> check(true).verify(grown))
        .extracting(e -> ((DownloadException) e).failure())
        .isEqualTo(DownloadFailure.BAD_SIGNATURE);
  }

  @Test
  void jar_of_a_foreign_signer_is_refused_even_when_unsigned_ones_are_allowed() throws Exception {
    Path foreign = dir.resolve("foreign.jar");
    TestSigners.ca("Someone Else CA").signer("Someone Else").sign(plainJar(), foreign);
    assertThatThrownBy(() -> check(true).verify(foreign))
        .isInstanceOf(DownloadException.class)
        .hasMessageContaining("CN=Someone Else")
        .extracting(e -> ((DownloadException) e).failure())
        .isEqualTo(DownloadFailure.BAD_SIGNATURE);
  }

  @Test
  void without_a_trust_store_every_signed_jar_is_refused() throws Exception {
    SignerCheck none =
        new SignerCheck(TrustStore.load(dir.resolve("missing.p12"), new char[0]), false);
    Path jar = signedJar();
    assertThatThrownBy(() -> none.verify(jar))
        .extracting(e -> ((DownloadException) e).failure())
        .isEqualTo(DownloadFailure.BAD_SIGNATURE);
  }

  @Test
  void signature_files_are_told_apart_from_content() {
    assertThat(SignerCheck.isSignatureFile("META-INF/RELEASE.SF")).isTrue();
    assertThat(SignerCheck.isSignatureFile("META-INF/RELEASE.EC")).isTrue();
    assertThat(SignerCheck.isSignatureFile("META-INF/MANIFEST.MF")).isTrue();
    assertThat(SignerCheck.isSignatureFile("META-INF/maven/pom.xml")).isFalse();
    assertThat(SignerCheck.isSignatureFile("dmagent/META-INF/X.SF")).isFalse();
  }

  /** A copy of {@code jar} with {@code name}'s content replaced, or the entry added. */
  private Path rewrite(Path jar, String name, String content) throws Exception {
    Path out = dir.resolve("rewritten.jar");
    boolean replaced = false;
    try (ZipFile in = new ZipFile(jar.toFile());
        OutputStream file = Files.newOutputStream(out);
        ZipOutputStream zip = new ZipOutputStream(file)) {
      for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        zip.putNextEntry(new ZipEntry(entry.getName()));
        if (entry.getName().equals(name)) {
          zip.write(content.getBytes(StandardCharsets.UTF_8));
          replaced = true;
        } else {
          try (InputStream data = in.getInputStream(entry)) {
            data.transferTo(zip);
          }
        }
        zip.closeEntry();
      }
      if (!replaced) {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return out;
  }
}
