package io.dmagent.transport.http;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads {@link TlsSettings} from the binding's configuration; bad entries are logged, not fatal.
 */
final class TlsConfig {
  private TlsConfig() {}

  static TlsSettings settings(HttpTransportConfig config, Consumer<String> warn) {
    return new TlsSettings(
        store(config.trustStore(), config.trustStoreType(), config.trustStorePassword()),
        store(config.keyStore(), config.keyStoreType(), config.keyStorePassword()),
        psk(config.pskIdentity(), config.pskKey(), warn));
  }

  private static Optional<KeyStoreFile> store(String path, String type, String password) {
    if (path == null || path.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new KeyStoreFile(Path.of(path.trim()), type, Secret.of(password)));
  }

  private static Optional<PreSharedKey> psk(String identity, String hexKey, Consumer<String> warn) {
    if (identity == null || identity.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(PreSharedKey.fromHex(identity.trim(), Secret.of(hexKey)));
    } catch (IllegalArgumentException e) {
      // The message names the identity only: the key is never repeated.
      warn.accept("TLS-PSK not configured: " + e.getMessage());
      return Optional.empty();
    }
  }
}
