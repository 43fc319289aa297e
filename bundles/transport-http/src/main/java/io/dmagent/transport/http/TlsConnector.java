package io.dmagent.transport.http;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * TLS through JSSE: TLS 1.2 and 1.3 only, the server's certificate validated by the context's trust
 * managers and its host name checked against the URI, handshake completed before any byte of a DM
 * message is sent.
 */
final class TlsConnector implements Connector {
  private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  private final SSLContext context;

  TlsConnector(SSLContext context) {
    this.context = context;
  }

  @Override
  public Socket connect(URI server, Duration timeout) throws IOException {
    int port = PlainConnector.port(server, defaultPort());
    Socket tcp = PlainConnector.openTcp(server.getHost(), port, timeout);
    SSLSocket tls = null;
    try {
      tls = (SSLSocket) context.getSocketFactory().createSocket(tcp, server.getHost(), port, true);
      SSLParameters params = tls.getSSLParameters();
      params.setProtocols(PROTOCOLS);
      params.setEndpointIdentificationAlgorithm("HTTPS");
      tls.setSSLParameters(params);
      tls.setSoTimeout(Math.toIntExact(timeout.toMillis()));
      tls.startHandshake();
      return tls;
    } catch (IOException e) {
      (tls != null ? tls : tcp).close();
      throw e;
    }
  }

  @Override
  public int defaultPort() {
    return 443;
  }
}
