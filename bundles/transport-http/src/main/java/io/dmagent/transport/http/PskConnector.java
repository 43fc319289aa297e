package io.dmagent.transport.http;

import io.dmagent.api.transport.TransportException;
import io.dmagent.api.transport.TransportException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.function.Consumer;
import org.bouncycastle.tls.BasicTlsPSKIdentity;
import org.bouncycastle.tls.PSKTlsClient;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * TLS-PSK through BouncyCastle's TLS API (the JSSE providers offer no PSK suites): the gateway and
 * the server prove to each other that they hold the same pre-shared key, no certificate involved.
 * The handshake completes inside {@link #connect}; a failure is logged once and ends the session,
 * never followed by an attempt without the key.
 */
final class PskConnector implements Connector {
  private final PreSharedKey psk;
  private final SecureRandom random;
  private final Consumer<String> warn;

  PskConnector(PreSharedKey psk, SecureRandom random, Consumer<String> warn) {
    this.psk = psk;
    this.random = random;
    this.warn = warn;
  }

  @Override
  public Channel connect(URI server, Duration timeout) throws IOException {
    Socket tcp =
        PlainConnector.openTcp(
            server.getHost(), PlainConnector.port(server, defaultPort()), timeout);
    try {
      tcp.setSoTimeout(Math.toIntExact(timeout.toMillis()));
      TlsClientProtocol protocol =
          new TlsClientProtocol(tcp.getInputStream(), tcp.getOutputStream());
      protocol.connect(
          new PSKTlsClient(
              new BcTlsCrypto(random), new BasicTlsPSKIdentity(psk.identityBytes(), psk.key())));
      return new PskChannel(protocol, tcp);
    } catch (InterruptedIOException e) {
      tcp.close();
      throw e;
    } catch (IOException | RuntimeException e) {
      tcp.close();
      String line =
          "TLS-PSK handshake with "
              + PlainConnector.peer(server, defaultPort())
              + " as identity "
              + psk.identity()
              + " failed: "
              + HandshakeFailure.reason(e);
      warn.accept(line);
      throw new TransportException(Kind.SECURITY, line, e);
    }
  }

  @Override
  public int defaultPort() {
    return 443;
  }

  /** The protocol's streams over the TCP socket, which keeps the timeout and the close. */
  private static final class PskChannel implements Channel {
    private final TlsClientProtocol protocol;
    private final Socket tcp;

    PskChannel(TlsClientProtocol protocol, Socket tcp) {
      this.protocol = protocol;
      this.tcp = tcp;
    }

    @Override
    public InputStream in() {
      return protocol.getInputStream();
    }

    @Override
    public OutputStream out() {
      return protocol.getOutputStream();
    }

    @Override
    public void readTimeout(Duration timeout) throws IOException {
      tcp.setSoTimeout(Math.toIntExact(timeout.toMillis()));
    }

    @Override
    public void close() throws IOException {
      try {
        protocol.close();
      } finally {
        tcp.close();
      }
    }
  }
}
