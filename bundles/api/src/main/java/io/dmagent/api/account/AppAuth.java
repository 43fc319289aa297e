package io.dmagent.api.account;

import io.dmagent.api.security.AuthScheme;
import io.dmagent.api.tree.NodeUri;
import java.util.Objects;

/**
 * One {@code <account>/AppAuth/<x>} entry at the application level: its node, AAuthLevel (CLCRED:
 * what we present to the server, SRVCRED: what the server must present to us), the scheme its
 * AAuthType names, AAuthName, AAuthSecret and the nonce in AAuthData (bytes). The secret and the
 * nonce never appear in {@link #toString()}.
 */
public record AppAuth(
    NodeUri node, String level, AuthScheme scheme, String name, String secret, byte[] nonce) {
  public static final String CLCRED = "CLCRED";
  public static final String SRVCRED = "SRVCRED";

  public AppAuth {
    Objects.requireNonNull(node);
    Objects.requireNonNull(level);
    Objects.requireNonNull(scheme);
    Objects.requireNonNull(name);
    Objects.requireNonNull(secret);
    nonce = nonce == null ? new byte[0] : nonce.clone();
  }

  @Override
  public byte[] nonce() {
    return nonce.clone();
  }

  /** The same entry holding another nonce. */
  public AppAuth withNonce(byte[] value) {
    return new AppAuth(node, level, scheme, name, secret, value);
  }

  /** The same entry with another scheme (the one a challenge asked for). */
  public AppAuth withScheme(AuthScheme value) {
    return new AppAuth(node, level, value, name, secret, nonce);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AppAuth a
        && a.node.equals(node)
        && a.level.equals(level)
        && a.scheme == scheme
        && a.name.equals(name)
        && a.secret.equals(secret)
        && java.util.Arrays.equals(a.nonce, nonce);
  }

  @Override
  public int hashCode() {
    return Objects.hash(node, level, scheme, name);
  }

  @Override
  public String toString() {
    return "AppAuth[" + node + ", " + level + ", " + scheme.aauthType() + ", " + name + ", ***]";
  }
}
