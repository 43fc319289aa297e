package io.dmagent.transport.http;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * Opens the byte channel under HTTP: a plain socket, a JSSE TLS socket, or a TLS-PSK channel. One
 * seam, so that every kind of channel shares the same HTTP code. A secure connector completes its
 * handshake inside {@link #connect} so that no byte of a DM message leaves before it succeeded.
 */
interface Connector {
  Channel connect(URI server, Duration timeout) throws IOException;

  /** The port to use when the URI names none. */
  int defaultPort();
}
