package io.dmagent.hw.smartcard;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * What a card holds for DM: its identity (the EF(TokenInfo) serial number, else its ATR), the
 * content of EF(DM_Bootstrap) when it has one, and the bootstrap server URLs it names.
 */
record CardContent(String cardId, Optional<byte[]> bootstrap, List<URI> bootstrapServers) {

  CardContent {
    bootstrapServers = List.copyOf(bootstrapServers);
  }

  boolean carriesNothing() {
    return bootstrap.isEmpty() && bootstrapServers.isEmpty();
  }
}
