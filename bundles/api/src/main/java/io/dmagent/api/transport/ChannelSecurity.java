package io.dmagent.api.transport;

import java.util.Objects;
import java.util.Optional;

/**
 * What an account demands of its channel. The security bundle (TLS, TLS-PSK) fills in the details;
 * a binding that cannot honour a demand refuses the session and never falls back to a weaker
 * channel.
 */
public record ChannelSecurity(
    Mode mode, Optional<String> trustStoreAlias, Optional<String> pskIdentity) {

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
  }

  public static ChannelSecurity plaintext() {
    return new ChannelSecurity(Mode.PLAINTEXT, Optional.empty(), Optional.empty());
  }

  public static ChannelSecurity tls() {
    return new ChannelSecurity(Mode.TLS, Optional.empty(), Optional.empty());
  }
}
