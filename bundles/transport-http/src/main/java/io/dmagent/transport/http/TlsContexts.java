package io.dmagent.transport.http;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The JSSE contexts of the binding, built once from the {@link TlsSettings} and then kept: one
 * context per kind of channel means one client session cache, so a later session with the same
 * server resumes TLS instead of running a full handshake. A context that cannot be built (a store
 * not there yet) is tried again at the next session.
 */
final class TlsContexts {
  private final TlsSettings settings;
  private final ClientCertificateProbe probe = new ClientCertificateProbe();
  private SSLContext serverAuth;
  private SSLContext mutual;

  TlsContexts(TlsSettings settings) {
    this.settings = settings;
  }

  /** Validates the server; offers no client certificate. */
  synchronized SSLContext serverAuth() throws GeneralSecurityException, IOException {
    if (serverAuth == null) {
      serverAuth = build(new KeyManager[] {probe});
    }
    return serverAuth;
  }

  /** Tells which sockets of {@link #serverAuth()} were asked for a client certificate. */
  ClientCertificateProbe probe() {
    return probe;
  }

  /** Validates the server and presents the client certificate of the key store. */
  synchronized SSLContext mutual() throws GeneralSecurityException, IOException {
    if (mutual == null) {
      KeyStoreFile keys =
          settings
              .keyStore()
              .orElseThrow(
                  () ->
                      new GeneralSecurityException(
                          "the account demands a client certificate but no key store is"
                              + " configured"));
      mutual = build(keyManagers(keys));
    }
    return mutual;
  }

  private SSLContext build(KeyManager[] keyManagers) throws GeneralSecurityException, IOException {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    // No trust store configured: the JDK's CA certificates, as for any HTTPS client.
    tmf.init(settings.trustStore().isPresent() ? settings.trustStore().get().load() : null);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers, tmf.getTrustManagers(), null);
    return context;
  }

  private static KeyManager[] keyManagers(KeyStoreFile file)
      throws GeneralSecurityException, IOException {
    KeyStore store = file.load();
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    char[] pw = file.password().chars();
    try {
      kmf.init(store, pw);
    } finally {
      Arrays.fill(pw, '\0');
    }
    return kmf.getKeyManagers();
  }
}
