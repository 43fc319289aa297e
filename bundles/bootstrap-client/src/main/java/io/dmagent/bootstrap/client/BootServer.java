package io.dmagent.bootstrap.client;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * One DM Bootstrap Server to fetch from: its URL and, from its {@code Ext} in the Bootstrap Config
 * MO, the alias of the trust store certificate its certificate must chain to and the alias of the
 * client key presented to it.
 */
record BootServer(URI url, Optional<String> trustAnchor, Optional<String> clientKey) {
  BootServer {
    Objects.requireNonNull(url);
    Objects.requireNonNull(trustAnchor);
    Objects.requireNonNull(clientKey);
  }

  static BootServer of(URI url) {
    return new BootServer(url, Optional.empty(), Optional.empty());
  }
}
