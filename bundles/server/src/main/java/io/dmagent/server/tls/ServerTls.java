package io.dmagent.server.tls;

import io.dmagent.server.http.ServerChannels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.tls.TlsPSKIdentityManager;

/**
 * The secure channels the reference server can listen with: HTTPS with its certificate (and
 * optionally client certificates required, validated against a trust store), or TLS-PSK with a
 * table of identities and keys. Keys and passwords are used here and kept nowhere printable.
 */
public final class ServerTls {
  private ServerTls() {}

  /** HTTPS with the key entry of {@code keys}; TLS 1.2 and 1.3. */
  public static ServerChannels https(KeyStore keys, char[] password)
      throws GeneralSecurityException {
    return new JsseChannels(context(keys, password, null), false, null);
  }

  /** HTTPS requiring a client certificate that chains to {@code clientTrust}. */
  public static ServerChannels mutualHttps(KeyStore keys, char[] password, KeyStore clientTrust)
      throws GeneralSecurityException {
    return new JsseChannels(context(keys, password, clientTrust), true, null);
  }

  /** HTTPS limited to these protocol versions (e.g. TLSv1.2 only, for tests of each version). */
  public static ServerChannels https(KeyStore keys, char[] password, String... protocols)
      throws GeneralSecurityException {
    return new JsseChannels(context(keys, password, null), false, protocols);
  }

  /** TLS-PSK knowing these identities and their keys. */
  public static ServerChannels psk(Map<String, byte[]> keysByIdentity) {
    Map<String, byte[]> keys = Map.copyOf(keysByIdentity);
    return new PskChannels(
        new TlsPSKIdentityManager() {
          @Override
          public byte[] getHint() {
            return null;
          }

          @Override
          public byte[] getPSK(byte[] identity) {
            byte[] key = keys.get(new String(identity, StandardCharsets.UTF_8));
            return key == null ? null : key.clone();
          }
        });
  }

  private static SSLContext context(KeyStore keys, char[] password, KeyStore clientTrust)
      throws GeneralSecurityException {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, password);
    TrustManagerFactory tmf = null;
    if (clientTrust != null) {
      tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(clientTrust);
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
    return context;
  }

  /** Reads a store; the failure names the file, never the password. */
  public static KeyStore load(java.nio.file.Path file, String type, char[] password)
      throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(type == null || type.isBlank() ? "PKCS12" : type);
    try (var in = java.nio.file.Files.newInputStream(file)) {
      store.load(in, password.length == 0 ? null : password);
      return store;
    } catch (IOException e) {
      throw new IOException("cannot read key store " + file + ": " + e.getMessage(), e);
    }
  }
}
