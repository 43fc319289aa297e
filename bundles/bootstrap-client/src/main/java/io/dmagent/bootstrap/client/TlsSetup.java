package io.dmagent.bootstrap.client;

import io.dmagent.api.log.WireText;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * The TLS context of a fetch from one bootstrap server: the configured trust store (or, when the
 * server's Bootstrap Config entry names a trust anchor, that one certificate of it), and the client
 * key its entry names, if any. Host names are checked by the HTTP client.
 */
final class TlsSetup {
  private final FetchSettings settings;

  TlsSetup(FetchSettings settings) {
    this.settings = settings;
  }

  /**
   * Thrown when the key material a server needs is missing or unreadable; says which, no secret.
   */
  static final class TlsSetupException extends Exception {
    TlsSetupException(String message) {
      super(message);
    }
  }

  SSLContext context(BootServer server) throws TlsSetupException {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers(server.clientKey()), trustManagers(server.trustAnchor()), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new TlsSetupException("TLS cannot be set up: " + e.getMessage());
    }
  }

  private javax.net.ssl.TrustManager[] trustManagers(Optional<String> anchor)
      throws TlsSetupException, GeneralSecurityException {
    if (settings.trustStore().isEmpty()) {
      if (anchor.isPresent()) {
        throw new TlsSetupException(
            "trust anchor "
                + WireText.quote(anchor.get())
                + " named but no trust store configured");
      }
      return null; // the JDK's CA certificates
    }
    KeyStore store = load(settings.trustStore().get());
    if (anchor.isPresent()) {
      Certificate only = store.getCertificate(anchor.get());
      if (only == null) {
        throw new TlsSetupException(
            "trust anchor " + WireText.quote(anchor.get()) + " is not in the trust store");
      }
      store = KeyStore.getInstance("PKCS12");
      try {
        store.load(null, null);
      } catch (IOException e) {
        throw new TlsSetupException("empty key store cannot be made");
      }
      store.setCertificateEntry("anchor", only);
    }
    TrustManagerFactory f =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init(store);
    return f.getTrustManagers();
  }

  private KeyManager[] keyManagers(Optional<String> alias)
      throws TlsSetupException, GeneralSecurityException {
    if (alias.isEmpty()) {
      return null;
    }
    if (settings.keyStore().isEmpty()) {
      throw new TlsSetupException(
          "client key " + WireText.quote(alias.get()) + " named but no key store configured");
    }
    FetchSettings.KeyStoreFile file = settings.keyStore().get();
    KeyStore store = load(file);
    if (!store.isKeyEntry(alias.get())) {
      throw new TlsSetupException(
          "client key " + WireText.quote(alias.get()) + " is not in the key store");
    }
    KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    f.init(store, file.password());
    for (KeyManager m : f.getKeyManagers()) {
      if (m instanceof X509KeyManager x) {
        return new KeyManager[] {new OneAlias(x, alias.get())};
      }
    }
    throw new TlsSetupException("no X.509 key manager");
  }

  private static KeyStore load(FetchSettings.KeyStoreFile file) throws TlsSetupException {
    try (InputStream in = Files.newInputStream(file.file())) {
      KeyStore store = KeyStore.getInstance(file.type());
      store.load(in, file.password());
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new TlsSetupException(
          "key store " + file.file() + " cannot be read: " + e.getMessage());
    }
  }

  /** Presents the one key the server's entry names, whatever else the store holds. */
  private static final class OneAlias extends X509ExtendedKeyManager {
    private final X509KeyManager keys;
    private final String alias;

    OneAlias(X509KeyManager keys, String alias) {
      this.keys = keys;
      this.alias = alias;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return new String[] {alias};
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return alias;
    }

    @Override
    public String chooseEngineClientAlias(
        String[] keyType, Principal[] issuers, javax.net.ssl.SSLEngine engine) {
      return alias;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String name) {
      return keys.getCertificateChain(name);
    }

    @Override
    public PrivateKey getPrivateKey(String name) {
      return keys.getPrivateKey(name);
    }
  }
}
