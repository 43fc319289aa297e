package io.dmagent.transport.http;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;

/**
 * Opens the byte channel under HTTP: a plain socket, a JSSE TLS socket, or (with the security
 * bundle) a TLS-PSK channel. One seam, so that every kind of channel shares the same HTTP code.
 */
interface Connector {
  Socket connect(URI server, Duration timeout) throws IOException;

  /** The port to use when the URI names none. */
  int defaultPort();
}
