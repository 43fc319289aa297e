package io.dmagent.protocol;

import io.dmagent.api.transport.ChannelSecurity;
import io.dmagent.api.transport.DmTransport;
import io.dmagent.api.transport.TransportException;
import io.dmagent.api.transport.TransportRequest;
import io.dmagent.api.transport.TransportResponse;
import io.dmagent.api.transport.TransportSession;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A transport for the scheme {@code replay}: each message the engine sends is handed to a server
 * played in the test (captured server packages, hand-made bytes, failures), and its answer returned
 * as a binding would. It records what was sent and whether the channel was closed.
 */
final class ReplayTransport implements DmTransport {
  /** The server side: answers one request. */
  interface Peer {
    TransportResponse answer(TransportRequest request, int index) throws TransportException;
  }

  final List<TransportRequest> sent = new CopyOnWriteArrayList<>();
  volatile boolean closed;
  private final Peer peer;

  ReplayTransport(Peer peer) {
    this.peer = peer;
  }

  static TransportResponse ok(String contentType, byte[] body) {
    return new TransportResponse(200, contentType, Map.of(), body);
  }

  @Override
  public Set<String> schemes() {
    return Set.of("replay");
  }

  @Override
  public TransportSession open(URI server, ChannelSecurity security) {
    closed = false;
    return new TransportSession() {
      @Override
      public TransportResponse exchange(TransportRequest request) throws TransportException {
        sent.add(request);
        return peer.answer(request, sent.size() - 1);
      }

      @Override
      public void close() {
        closed = true;
      }
    };
  }
}
