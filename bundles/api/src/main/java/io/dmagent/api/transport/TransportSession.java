package io.dmagent.api.transport;

/**
 * The channel of one DM session: messages go out one at a time, each answered by the server's next
 * message. A binding reuses its connection between exchanges where it can. Not thread-safe: one
 * session, one thread.
 */
@org.osgi.annotation.versioning.ProviderType
public interface TransportSession extends AutoCloseable {

  /** Sends one message and waits for the answer. */
  TransportResponse exchange(TransportRequest request) throws TransportException;

  /** Releases the connection. */
  @Override
  void close();
}
