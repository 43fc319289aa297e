package io.dmagent.api.account;

import io.dmagent.api.transport.PskKey;
import java.util.Objects;
import java.util.Optional;

/**
 * The pre-shared key an account's channel is secured with (TLS-PSK): a DMAcc {@code AppAuth/<x>}
 * with AAuthLevel {@code TLS} and AAuthType {@code PSK}, its AAuthName the identity and its
 * AAuthSecret the key in hexadecimal. The DMAcc has no standard node for a PSK; this reading is
 * ours (docs/CONFORMANCE.md). No key: the HTTP binding's configured key for the identity. The key
 * prints as {@code ***}.
 */
public record PskCredentials(String identity, Optional<PskKey> key) {
  /** The AAuthLevel of transport-level credentials: never application-level CLCRED or SRVCRED. */
  public static final String LEVEL = "TLS";

  /** The AAuthType of a pre-shared key (not one of the DMAcc's standard values). */
  public static final String TYPE = "PSK";

  public PskCredentials {
    Objects.requireNonNull(key);
    if (identity == null || identity.isBlank()) {
      throw new IllegalArgumentException("a pre-shared key needs an identity (AAuthName)");
    }
  }
}
