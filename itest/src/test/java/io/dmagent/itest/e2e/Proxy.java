package io.dmagent.itest.e2e;

import io.dmagent.api.transport.ChannelSecurity;
import io.dmagent.api.transport.DmTransport;
import io.dmagent.api.transport.TransportException;
import io.dmagent.api.transport.TransportRequest;
import io.dmagent.api.transport.TransportResponse;
import io.dmagent.api.transport.TransportSession;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A man in the middle of the agent's HTTP binding: records every request and answer and may rewrite
 * either on its way (a tampering proxy).
 */
final class Proxy implements DmTransport {
  final List<TransportRequest> requests = new CopyOnWriteArrayList<>();
  final List<TransportResponse> answers = new CopyOnWriteArrayList<>();
  private final DmTransport inner;
  volatile UnaryOperator<TransportRequest> onRequest = UnaryOperator.identity();
  volatile UnaryOperator<TransportResponse> onAnswer = UnaryOperator.identity();

  Proxy(DmTransport inner) {
    this.inner = inner;
  }

  @Override
  public Set<String> schemes() {
    return inner.schemes();
  }

  @Override
  public TransportSession open(URI server, ChannelSecurity security) throws TransportException {
    TransportSession session = inner.open(server, security);
    return new TransportSession() {
      @Override
      public TransportResponse exchange(TransportRequest request) throws TransportException {
        TransportRequest out = onRequest.apply(request);
        requests.add(out);
        TransportResponse answer = onAnswer.apply(session.exchange(out));
        answers.add(answer);
        return answer;
      }

      @Override
      public void close() {
        session.close();
      }
    };
  }

  /** Replaces the first {@code from} in a body by {@code to}, byte for byte (same length). */
  static byte[] tamper(byte[] body, String from, String to) {
    byte[] f = from.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] t = to.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] out = body.clone();
    outer:
    for (int i = 0; i + f.length <= out.length; i++) {
      for (int j = 0; j < f.length; j++) {
        if (out[i + j] != f[j]) {
          continue outer;
        }
      }
      System.arraycopy(t, 0, out, i, t.length);
      return out;
    }
    return out;
  }
}
