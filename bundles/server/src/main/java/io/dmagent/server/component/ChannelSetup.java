package io.dmagent.server.component;

import io.dmagent.server.http.ServerChannels;
import io.dmagent.server.tls.DeferredChannels;
import io.dmagent.server.tls.DemoCertificates;
import io.dmagent.server.tls.ServerTls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The reference server's channel from its configuration: HTTPS (with demo certificates made at
 * first start when asked), HTTPS with client certificates, TLS-PSK, or plain HTTP with a warning.
 * Failures name files and settings, never passwords or keys.
 */
final class ChannelSetup {
  private ChannelSetup() {}

  static ServerChannels channels(ServerConfig config, Consumer<String> info, Consumer<String> warn)
      throws IOException, GeneralSecurityException {
    String mode = config.security().trim().toUpperCase(Locale.ROOT);
    switch (mode) {
      case "PLAINTEXT":
        warn.accept(
            "reference DM server on plain HTTP (security=PLAINTEXT): messages and credentials"
                + " travel unencrypted");
        return ServerChannels.plain();
      case "TLS_PSK":
        return psk(config);
      case "TLS":
      case "MUTUAL_TLS":
        // Checked now, so a missing file or setting is an error at start; read at the first
        // connection, so the stores and JSSE cost nothing until a device calls.
        Path store = keyStore(config, info);
        if (mode.equals("MUTUAL_TLS") && config.clientTrustStore().isBlank()) {
          throw new GeneralSecurityException("MUTUAL_TLS needs clientTrustStore");
        }
        return new DeferredChannels("https", () -> https(config, store, mode));
      default:
        throw new GeneralSecurityException(
            "security=" + config.security() + " is none of TLS, MUTUAL_TLS, TLS_PSK, PLAINTEXT");
    }
  }

  private static ServerChannels https(ServerConfig config, Path store, String mode)
      throws IOException, GeneralSecurityException {
    KeyStore keys =
        ServerTls.load(store, config.keyStoreType(), config.keyStorePassword().toCharArray());
    char[] pw = config.keyStorePassword().toCharArray();
    if (mode.equals("TLS")) {
      return ServerTls.https(keys, pw);
    }
    KeyStore trust =
        ServerTls.load(
            Path.of(config.clientTrustStore()),
            config.clientTrustStoreType(),
            config.clientTrustStorePassword().toCharArray());
    return ServerTls.mutualHttps(keys, pw, trust);
  }

  /** The server's key store, made first when demo certificates are asked for and there are none. */
  private static Path keyStore(ServerConfig config, Consumer<String> info)
      throws IOException, GeneralSecurityException {
    if (config.keyStore().isBlank()) {
      throw new GeneralSecurityException("TLS needs keyStore (the server's certificate)");
    }
    Path store = Path.of(config.keyStore());
    char[] pw = config.keyStorePassword().toCharArray();
    if (config.demoCertificates()) {
      Path ca =
          config.demoCaStore().isBlank()
              ? store.resolveSibling("demo-ca.p12")
              : Path.of(config.demoCaStore());
      if (DemoCertificates.ensure(store, ca, pw)) {
        info.accept(
            "made demo TLS certificates: server key store "
                + store
                + " (owner-only), demo CA for the agent to trust "
                + ca);
      }
    }
    if (!Files.isReadable(store)) {
      throw new IOException("cannot read key store " + store);
    }
    return store;
  }

  private static ServerChannels psk(ServerConfig config) throws GeneralSecurityException {
    if (config.pskIdentity().isBlank() || config.pskKey().isBlank()) {
      throw new GeneralSecurityException("TLS_PSK needs pskIdentity and pskKey");
    }
    byte[] key;
    try {
      key = HexFormat.of().parseHex(config.pskKey().trim());
    } catch (IllegalArgumentException e) {
      // Not repeated: the key's text is the secret.
      throw new GeneralSecurityException("pskKey is not hexadecimal");
    }
    return ServerTls.psk(Map.of(config.pskIdentity().trim(), key));
  }
}
