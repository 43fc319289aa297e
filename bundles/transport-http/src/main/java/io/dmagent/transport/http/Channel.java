package io.dmagent.transport.http;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * The byte channel under HTTP once it is set up (TCP, JSSE TLS, or BouncyCastle's TLS-PSK, whose
 * protocol object is not a socket): what a session reads and writes, and closes.
 */
interface Channel extends Closeable {
  InputStream in() throws IOException;

  OutputStream out() throws IOException;

  /** How long one read may block before it fails with a timeout. */
  void readTimeout(Duration timeout) throws IOException;

  /**
   * Why the server may drop this channel before its first answer, known from the handshake (a
   * client certificate asked for and none offered); empty when nothing is known.
   */
  default java.util.Optional<String> refusalHint() {
    return java.util.Optional.empty();
  }
}
