package io.dmagent.bootstrap.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How fetches are made, from {@link BootstrapClientConfig}: the key material, whether plain HTTP is
 * allowed, and the bounds of one fetch.
 */
record FetchSettings(
    Optional<KeyStoreFile> trustStore,
    Optional<KeyStoreFile> keyStore,
    boolean allowPlainHttp,
    int maxMessageBytes,
    Duration timeout,
    int attempts,
    Duration firstBackoff) {

  /** A key or trust store file; its password is never logged. */
  record KeyStoreFile(Path file, String type, char[] password) {
    @Override
    public String toString() {
      return "KeyStoreFile[" + file + ", " + type + ", ***]";
    }
  }

  static FetchSettings from(BootstrapClientConfig config) {
    return new FetchSettings(
        store(config.trustStore(), config.trustStoreType(), config.trustStorePassword()),
        store(config.keyStore(), config.keyStoreType(), config.keyStorePassword()),
        config.allowPlainHttp(),
        Math.max(1, config.maxMessageBytes()),
        Duration.ofSeconds(Math.max(1, config.timeoutSeconds())),
        Math.max(1, config.attempts()),
        Duration.ofMillis(Math.max(1, config.firstBackoffMillis())));
  }

  private static Optional<KeyStoreFile> store(String file, String type, String password) {
    if (file == null || file.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        new KeyStoreFile(
            Path.of(file.trim()),
            type == null || type.isBlank() ? "PKCS12" : type.trim(),
            (password == null ? "" : password).toCharArray()));
  }
}
