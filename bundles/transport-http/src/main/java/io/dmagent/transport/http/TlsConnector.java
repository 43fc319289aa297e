package io.dmagent.transport.http;

import io.dmagent.api.transport.TransportException;
import io.dmagent.api.transport.TransportException.Kind;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * TLS through JSSE: TLS 1.2 and 1.3 only, the server's certificate validated by the context's trust
 * managers and its host name always checked against the URI, handshake completed before any byte of
 * a DM message is sent. A failed handshake is logged once with its reason and ends the session:
 * there is no retry on a weaker channel.
 */
final class TlsConnector implements Connector {
  private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  static final String CLIENT_CERTIFICATE_REFUSED =
      "the server refused the client certificate (none offered, or not one it trusts)";

  private final SSLContext context;
  private final ClientCertificateProbe probe;
  private final Consumer<String> warn;

  /**
   * @param probe the context's key manager when it holds no client certificate, else null
   */
  TlsConnector(SSLContext context, ClientCertificateProbe probe, Consumer<String> warn) {
    this.context = context;
    this.probe = probe;
    this.warn = warn;
  }

  @Override
  public Channel connect(URI server, Duration timeout) throws IOException {
    int port = PlainConnector.port(server, defaultPort());
    Socket tcp = PlainConnector.openTcp(server.getHost(), port, timeout);
    SSLSocket tls = null;
    try {
      // Host and port name the session in the context's cache: the next session with the same
      // server resumes it.
      tls = (SSLSocket) context.getSocketFactory().createSocket(tcp, server.getHost(), port, true);
      SSLParameters params = tls.getSSLParameters();
      params.setProtocols(PROTOCOLS);
      params.setEndpointIdentificationAlgorithm("HTTPS");
      tls.setSSLParameters(params);
      tls.setSoTimeout(Math.toIntExact(timeout.toMillis()));
      tls.startHandshake();
      return new SocketChannel(
          tls,
          probe != null && probe.wasAsked(tls)
              ? Optional.of(CLIENT_CERTIFICATE_REFUSED + ": it asked for one, the account has none")
              : Optional.empty());
    } catch (SocketTimeoutException e) {
      close(tls, tcp);
      throw e;
    } catch (SSLException e) {
      close(tls, tcp);
      String line =
          "TLS handshake with "
              + PlainConnector.peer(server, defaultPort())
              + " failed: "
              + HandshakeFailure.reason(e);
      warn.accept(line);
      throw new TransportException(Kind.SECURITY, line, e);
    } catch (IOException e) {
      close(tls, tcp);
      boolean certificateAsked = probe != null && tls != null && probe.wasAsked(tls);
      String line =
          "TLS handshake with "
              + PlainConnector.peer(server, defaultPort())
              + " failed: "
              + (certificateAsked
                  ? CLIENT_CERTIFICATE_REFUSED + ": it asked for one, the account has none"
                  : "the connection was lost during the handshake (" + e.getMessage() + ")");
      warn.accept(line);
      throw new TransportException(certificateAsked ? Kind.SECURITY : Kind.CONNECT, line, e);
    } catch (RuntimeException e) {
      close(tls, tcp);
      throw e;
    }
  }

  private static void close(Socket tls, Socket tcp) {
    try {
      (tls != null ? tls : tcp).close();
    } catch (IOException ignored) {
      // The handshake failed already; nothing more to release.
    }
  }

  @Override
  public int defaultPort() {
    return 443;
  }
}
