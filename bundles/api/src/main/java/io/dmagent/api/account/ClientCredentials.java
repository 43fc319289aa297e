package io.dmagent.api.account;

import java.util.Objects;

/**
 * The credentials the client presents to its server (DMAcc AppAuth with AAuthLevel CLCRED): the
 * scheme (AAuthType: BASIC, DIGEST, HMAC, ...), the name, the secret and the last nonce the server
 * gave (AAuthData, bytes). The secret and the nonce never appear in {@link #toString()}.
 */
public record ClientCredentials(String authType, String name, String secret, byte[] nonce) {
  public ClientCredentials {
    Objects.requireNonNull(authType);
    Objects.requireNonNull(name);
    Objects.requireNonNull(secret);
    nonce = nonce == null ? new byte[0] : nonce.clone();
  }

  @Override
  public byte[] nonce() {
    return nonce.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClientCredentials c
        && c.authType.equals(authType)
        && c.name.equals(name)
        && c.secret.equals(secret)
        && java.util.Arrays.equals(c.nonce, nonce);
  }

  @Override
  public int hashCode() {
    return Objects.hash(authType, name);
  }

  @Override
  public String toString() {
    return "ClientCredentials[" + authType + ", " + name + ", ***]";
  }
}
