package io.dmagent.download;

import io.dmagent.api.download.DownloadException;
import io.dmagent.api.download.DownloadFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Verifies a signed jar: every entry (the signature files in META-INF aside) read through a
 * verifying {@link JarFile} and signed by one same signer, whose certificate chain validates (PKIX,
 * without revocation, the operator's trust store has the anchors) at the current time.
 */
final class SignerCheck {
  private final Set<TrustAnchor> anchors;
  private final boolean allowUnsigned;

  SignerCheck(Set<TrustAnchor> anchors, boolean allowUnsigned) {
    this.anchors = Set.copyOf(anchors);
    this.allowUnsigned = allowUnsigned;
  }

  /** The signer's subject, or empty for an unsigned jar when those are allowed. */
  Optional<String> verify(Path jar) throws DownloadException {
    List<CertPath> signers;
    try (JarFile file = new JarFile(jar.toFile(), true)) {
      signers = commonSigners(file);
    } catch (SecurityException e) {
      throw new DownloadException(
          DownloadFailure.BAD_SIGNATURE,
          "an entry does not match its signature: " + e.getMessage());
    } catch (IOException e) {
      throw new DownloadException(DownloadFailure.BAD_SIGNATURE, "not a readable jar: " + e);
    }
    if (signers == null) {
      if (allowUnsigned) {
        return Optional.empty();
      }
      throw new DownloadException(DownloadFailure.UNSIGNED, "the jar is not signed");
    }
    for (CertPath path : signers) {
      if (trusted(path)) {
        return Optional.of(subject(path));
      }
    }
    throw new DownloadException(
        DownloadFailure.BAD_SIGNATURE,
        "signed by " + subject(signers.get(0)) + ", who chains to no trusted anchor");
  }

  /**
   * The signers every entry shares; null when no entry is signed at all.
   *
   * @throws DownloadException when some entries are signed and others not, or by others
   */
  private static List<CertPath> commonSigners(JarFile file) throws IOException, DownloadException {
    Set<CertPath> common = null;
    boolean anyUnsigned = false;
    byte[] buffer = new byte[16 * 1024];
    for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
      JarEntry entry = e.nextElement();
      if (entry.isDirectory() || isSignatureFile(entry.getName())) {
        continue;
      }
      try (InputStream in = file.getInputStream(entry)) {
        while (in.read(buffer) >= 0) {
          // Reading to the end is what makes JarFile check the entry's digest.
        }
      }
      CodeSigner[] signers = entry.getCodeSigners();
      if (signers == null || signers.length == 0) {
        anyUnsigned = true;
        continue;
      }
      Set<CertPath> paths = new HashSet<>();
      for (CodeSigner s : signers) {
        paths.add(s.getSignerCertPath());
      }
      if (common == null) {
        common = paths;
      } else {
        common.retainAll(paths);
      }
    }
    if (common == null) {
      return null;
    }
    if (anyUnsigned) {
      throw new DownloadException(
          DownloadFailure.BAD_SIGNATURE, "some entries are not covered by the signature");
    }
    if (common.isEmpty()) {
      throw new DownloadException(
          DownloadFailure.BAD_SIGNATURE, "the entries are not all signed by the same signer");
    }
    return new ArrayList<>(common);
  }

  static boolean isSignatureFile(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    if (!upper.startsWith("META-INF/") || upper.indexOf('/', 9) >= 0) {
      return false;
    }
    return upper.equals("META-INF/MANIFEST.MF")
        || upper.endsWith(".SF")
        || upper.endsWith(".RSA")
        || upper.endsWith(".DSA")
        || upper.endsWith(".EC")
        || upper.startsWith("META-INF/SIG-");
  }

  private boolean trusted(CertPath path) {
    if (anchors.isEmpty()) {
      return false;
    }
    try {
      PKIXParameters params = new PKIXParameters(anchors);
      params.setRevocationEnabled(false);
      CertPathValidator.getInstance("PKIX").validate(path, params);
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static String subject(CertPath path) {
    return ((X509Certificate) path.getCertificates().get(0)).getSubjectX500Principal().getName();
  }
}
