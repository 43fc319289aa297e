package io.dmagent.download;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/** The trust anchors of the operator's PKCS12 trust store: its certificate entries. */
final class TrustStore {
  private TrustStore() {}

  /** The anchors; none when the file does not exist (then every signed jar is refused). */
  static Set<TrustAnchor> load(Path file, char[] password)
      throws IOException, GeneralSecurityException {
    if (!Files.isRegularFile(file)) {
      return Set.of();
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, password.length == 0 ? null : password);
    }
    Set<TrustAnchor> anchors = new HashSet<>();
    for (String alias : Collections.list(store.aliases())) {
      Certificate c = store.getCertificate(alias);
      if (c instanceof X509Certificate x509) {
        anchors.add(new TrustAnchor(x509, null));
      }
    }
    return anchors;
  }
}
