package io.dmagent.api.account;

import io.dmagent.api.tree.NodeUri;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * One DM account as a session needs it: the server's ServerID (also the ACL principal), the DMAcc
 * node it lives under, the server's address, its displayable name, the client's credentials and, if
 * its channel is secured with one, its pre-shared key.
 */
public record Account(
    String serverId,
    NodeUri node,
    URI address,
    Optional<String> name,
    Optional<ClientCredentials> credentials,
    Optional<PskCredentials> psk) {
  public Account {
    if (serverId == null || serverId.isEmpty()) {
      throw new IllegalArgumentException("an account needs a ServerID");
    }
    Objects.requireNonNull(node);
    Objects.requireNonNull(address);
    Objects.requireNonNull(name);
    Objects.requireNonNull(credentials);
    Objects.requireNonNull(psk);
  }

  /** An account without a pre-shared key. */
  public Account(
      String serverId,
      NodeUri node,
      URI address,
      Optional<String> name,
      Optional<ClientCredentials> credentials) {
    this(serverId, node, address, name, credentials, Optional.empty());
  }

  /** An account without credentials, for a server that asks for none. */
  public static Account of(String serverId, URI address) {
    return new Account(
        serverId, NodeUri.of("./DMAcc/" + serverId), address, Optional.empty(), Optional.empty());
  }
}
