package io.dmagent.pushmqtt;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS socket factory of an ssl:// broker connection from the configured trust store (empty: the
 * JVM's CAs) and key store (empty: no client certificate). Store types (PKCS12, JKS) are detected
 * from the files.
 */
final class TlsSockets {
  private TlsSockets() {}

  static SSLSocketFactory factory(
      String trustStore, char[] trustPassword, String keyStore, char[] keyPassword)
      throws IOException {
    try {
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trustStore.isBlank() ? null : load(trustStore, trustPassword));
      KeyManagerFactory keys = null;
      if (!keyStore.isBlank()) {
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(keyStore, keyPassword), keyPassword);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      // The exception names the store problem, never a password.
      throw new IOException("MQTT TLS stores unusable: " + e.getMessage(), e);
    }
  }

  private static KeyStore load(String file, char[] password)
      throws IOException, GeneralSecurityException {
    return KeyStore.getInstance(Path.of(file.trim()).toFile(), password);
  }
}
