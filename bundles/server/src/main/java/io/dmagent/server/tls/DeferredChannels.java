package io.dmagent.server.tls;

import io.dmagent.server.http.ServerChannels;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;

/**
 * A TLS channel set up at the first connection instead of at start. Reading a PKCS12 key store
 * (thousands of PBKDF2 rounds) and initialising JSSE loaded some 450 classes and took about half a
 * second of a gateway's start, for a server the demo's agent calls seconds later and a test may
 * never call. A setup that fails is tried again at the next connection, and each failure is
 * reported as that connection's, naming the store and never the password.
 */
public final class DeferredChannels implements ServerChannels {
  /** Makes the channel: loads the stores and builds the TLS context. */
  @FunctionalInterface
  public interface Setup {
    ServerChannels channels() throws IOException, GeneralSecurityException;
  }

  private final String scheme;
  private final Setup setup;
  private ServerChannels channels; // guarded by this

  public DeferredChannels(String scheme, Setup setup) {
    this.scheme = scheme;
    this.setup = setup;
  }

  @Override
  public Streams open(Socket tcp) throws IOException {
    return channels().open(tcp);
  }

  private synchronized ServerChannels channels() throws IOException {
    if (channels == null) {
      try {
        channels = setup.channels();
      } catch (GeneralSecurityException | IOException e) {
        throw new SetupFailure(e);
      }
    }
    return channels;
  }

  @Override
  public String scheme() {
    return scheme;
  }

  @Override
  public String failure(IOException e) {
    if (e instanceof SetupFailure) {
      return e.getMessage();
    }
    ServerChannels made;
    synchronized (this) {
      made = channels;
    }
    return made == null ? String.valueOf(e.getMessage()) : made.failure(e);
  }

  /** The channel could not be set up: the connection is closed without a handshake. */
  private static final class SetupFailure extends IOException {
    SetupFailure(Exception cause) {
      super("the server's TLS channel cannot be set up: " + cause.getMessage(), cause);
    }
  }
}
