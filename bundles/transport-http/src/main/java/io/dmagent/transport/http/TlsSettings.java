package io.dmagent.transport.http;

import java.util.Objects;
import java.util.Optional;

/**
 * The key material of the binding's secure channels: the trust store that validates servers (none:
 * the JDK's CA certificates), the key store holding the client certificate for accounts that demand
 * mutual TLS, and the pre-shared key for TLS-PSK.
 */
public record TlsSettings(
    Optional<KeyStoreFile> trustStore,
    Optional<KeyStoreFile> keyStore,
    Optional<PreSharedKey> preSharedKey) {
  public TlsSettings {
    Objects.requireNonNull(trustStore);
    Objects.requireNonNull(keyStore);
    Objects.requireNonNull(preSharedKey);
  }

  /** The JDK's trust anchors, no client certificate, no pre-shared key. */
  public static TlsSettings jdkDefaults() {
    return new TlsSettings(Optional.empty(), Optional.empty(), Optional.empty());
  }

  public static TlsSettings trusting(KeyStoreFile trustStore) {
    return new TlsSettings(Optional.of(trustStore), Optional.empty(), Optional.empty());
  }

  public TlsSettings withKeyStore(KeyStoreFile value) {
    return new TlsSettings(trustStore, Optional.of(value), preSharedKey);
  }

  public TlsSettings withPreSharedKey(PreSharedKey value) {
    return new TlsSettings(trustStore, keyStore, Optional.of(value));
  }
}
