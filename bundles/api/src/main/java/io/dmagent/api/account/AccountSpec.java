package io.dmagent.api.account;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What to write of one DM account (from a configuration file, a bootstrap or a delegation): the
 * node name under {@code ./DMAcc}, the ServerID, a displayable name (empty: none), the address, the
 * client credentials (AppAuth CLCRED, when {@code authType} is present), the secret the server must
 * prove (AppAuth SRVCRED with the server's ServerID as name; empty: the server is not checked) and
 * a pre-shared key for the channel ({@code pskKey} in hexadecimal; empty: the HTTP binding's key
 * for {@code pskIdentity}). Secrets and keys never appear in {@link #toString()}.
 */
public record AccountSpec(
    String node,
    String serverId,
    String name,
    URI address,
    Optional<String> authType,
    String authName,
    String authSecret,
    String serverSecret,
    Optional<String> pskIdentity,
    String pskKey) {
  public AccountSpec {
    Objects.requireNonNull(node);
    Objects.requireNonNull(serverId);
    Objects.requireNonNull(address);
    Objects.requireNonNull(authType);
    Objects.requireNonNull(pskIdentity);
    name = name == null ? "" : name;
    authName = authName == null ? "" : authName;
    authSecret = authSecret == null ? "" : authSecret;
    serverSecret = serverSecret == null ? "" : serverSecret;
    pskKey = pskKey == null ? "" : pskKey;
  }

  /** An account without server credentials and without a pre-shared key. */
  public AccountSpec(
      String node,
      String serverId,
      String name,
      URI address,
      Optional<String> authType,
      String authName,
      String authSecret) {
    this(node, serverId, name, address, authType, authName, authSecret, "", Optional.empty(), "");
  }

  /** The same account with this pre-shared key (hexadecimal; empty: the binding's). */
  public AccountSpec withPsk(String identity, String hexKey) {
    return new AccountSpec(
        node,
        serverId,
        name,
        address,
        authType,
        authName,
        authSecret,
        serverSecret,
        Optional.of(identity),
        hexKey);
  }

  /**
   * The same account whose server must prove {@code secret} (AppAuth SRVCRED, the client
   * credentials' scheme); empty: the server is not checked. Written only with client credentials.
   */
  public AccountSpec withServerSecret(String secret) {
    return new AccountSpec(
        node, serverId, name, address, authType, authName, authSecret, secret, pskIdentity, pskKey);
  }

  @Override
  public String toString() {
    return "AccountSpec["
        + node
        + ", "
        + serverId
        + ", "
        + address
        + ", "
        + authType
        + pskIdentity.map(i -> ", PSK " + i + " ***").orElse("")
        + "]";
  }
}
