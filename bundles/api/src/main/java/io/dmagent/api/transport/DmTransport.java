package io.dmagent.api.transport;

import java.net.URI;
import java.util.Set;

/**
 * A client-side transport binding (HTTP, OBEX, WSP), registered as an OSGi service. The protocol
 * engine picks the one whose {@link #schemes()} contain the server address's scheme.
 */
@org.osgi.annotation.versioning.ProviderType
public interface DmTransport {
  /** Service property listing the URI schemes a binding handles (String or String[]). */
  String SCHEMES = "dm.transport.schemes";

  /** URI schemes this binding handles, lower case (e.g. http, https). */
  Set<String> schemes();

  /**
   * Opens the channel for one session with the server at {@code server}. No connection is made
   * before the first exchange.
   *
   * @param security how to secure the channel; a binding must refuse rather than fall back to less
   */
  TransportSession open(URI server, ChannelSecurity security) throws TransportException;
}
