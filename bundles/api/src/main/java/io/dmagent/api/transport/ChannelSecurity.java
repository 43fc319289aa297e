package io.dmagent.api.transport;

import java.util.Objects;
import java.util.Optional;

/**
 * What an account demands of its channel. The security bundle (TLS, TLS-PSK) fills in the details;
 * a binding that cannot honour a demand refuses the session and never falls back to a weaker
 * channel.
 *
 * <p>A TLS-PSK demand names its identity and may carry the key itself (the account's own, from its
 * DMAcc); without a key the binding uses the key it is configured with for that identity. The key
 * prints as {@code ***}, so this value may be logged.
 */
public record ChannelSecurity(
    Mode mode,
    Optional<String> trustStoreAlias,
    Optional<String> pskIdentity,
    Optional<PskKey> pskKey) {

  /** How the channel must be protected. */
  public enum Mode {
    /** Plain transport: only on an explicit configuration choice. */
    PLAINTEXT,
    /** TLS with the server's certificate validated and its host name checked. */
    TLS,
    /** TLS with a client certificate as well (AAuthType X509). */
    MUTUAL_TLS,
    /** TLS with a pre-shared key instead of certificates. */
    TLS_PSK
  }

  public ChannelSecurity {
    Objects.requireNonNull(mode);
    Objects.requireNonNull(trustStoreAlias);
    Objects.requireNonNull(pskIdentity);
    Objects.requireNonNull(pskKey);
    if (pskIdentity.filter(String::isBlank).isPresent()) {
      throw new IllegalArgumentException("a PSK identity is not blank");
    }
    if (pskKey.isPresent() && (mode != Mode.TLS_PSK || pskIdentity.isEmpty())) {
      throw new IllegalArgumentException("a pre-shared key goes with TLS_PSK and its identity");
    }
  }

  /** A demand without a key of its own (the binding's configured key, if TLS-PSK). */
  public ChannelSecurity(
      Mode mode, Optional<String> trustStoreAlias, Optional<String> pskIdentity) {
    this(mode, trustStoreAlias, pskIdentity, Optional.empty());
  }

  public static ChannelSecurity plaintext() {
    return new ChannelSecurity(Mode.PLAINTEXT, Optional.empty(), Optional.empty());
  }

  public static ChannelSecurity tls() {
    return new ChannelSecurity(Mode.TLS, Optional.empty(), Optional.empty());
  }

  public static ChannelSecurity mutualTls() {
    return new ChannelSecurity(Mode.MUTUAL_TLS, Optional.empty(), Optional.empty());
  }

  /** TLS-PSK as {@code identity}, with the key the binding is configured with for it. */
  public static ChannelSecurity tlsPsk(String identity) {
    return new ChannelSecurity(Mode.TLS_PSK, Optional.empty(), Optional.of(identity));
  }

  /** TLS-PSK as {@code identity} with this key (the account's own). */
  public static ChannelSecurity tlsPsk(String identity, PskKey key) {
    return new ChannelSecurity(
        Mode.TLS_PSK, Optional.empty(), Optional.of(identity), Optional.of(key));
  }
}
