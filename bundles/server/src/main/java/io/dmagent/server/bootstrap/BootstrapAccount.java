package io.dmagent.server.bootstrap;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The DM account a bootstrap gives a device: this server's ServerID and address, and the
 * credentials of both sides (the device's CLCRED, the server's SRVCRED); a credential without a
 * scheme is left out. {@code node} is the account's node name below {@code ./DMAcc}.
 */
public record BootstrapAccount(
    String node,
    String serverId,
    URI address,
    Optional<String> clientAuthType,
    String clientName,
    String clientSecret,
    String serverSecret) {

  public BootstrapAccount {
    Objects.requireNonNull(node);
    Objects.requireNonNull(serverId);
    Objects.requireNonNull(address);
    Objects.requireNonNull(clientAuthType);
    Objects.requireNonNull(clientName);
    Objects.requireNonNull(clientSecret);
    Objects.requireNonNull(serverSecret);
  }

  @Override
  public String toString() {
    return "BootstrapAccount[" + serverId + " at " + address + ", secrets ***]";
  }
}
