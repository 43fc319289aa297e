package io.dmagent.transport.http;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.bouncycastle.tls.PSKTlsServer;
import org.bouncycastle.tls.TlsPSKIdentityManager;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * A loopback HTTPS (JSSE) or TLS-PSK (BouncyCastle) peer answering every POST with "secure" on a
 * kept-alive connection. It counts the requests it read — a failed handshake must leave that at
 * zero — and the full handshakes, in which its key manager is asked for its certificate (a resumed
 * TLS 1.3 handshake does not ask).
 */
final class TlsTestServer implements AutoCloseable {
  private final ServerSocket listener;
  private final Handshake handshake;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger fullHandshakes;
  private final List<Socket> open = new CopyOnWriteArrayList<>();

  /** Turns an accepted TCP socket into the streams of a secure channel. */
  private interface Handshake {
    Streams accept(Socket tcp) throws IOException;
  }

  private record Streams(InputStream in, OutputStream out) {}

  private TlsTestServer(Handshake handshake, AtomicInteger fullHandshakes) throws IOException {
    this.handshake = handshake;
    this.fullHandshakes = fullHandshakes;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::acceptLoop, "tls-test-server");
    t.setDaemon(true);
    t.start();
  }

  /**
   * JSSE with this certificate, these protocol versions, and client certificates required when a
   * client trust store is given.
   */
  static TlsTestServer jsse(TestPki.Issued identity, KeyStore clientTrust, String... protocols)
      throws Exception {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(identity.keyStore(), TestPki.PASSWORD.toCharArray());
    TrustManagerFactory tmf = null;
    if (clientTrust != null) {
      tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(clientTrust);
    }
    AtomicInteger full = new AtomicInteger();
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(
        new KeyManager[] {
          new CountingKeyManager((X509ExtendedKeyManager) kmf.getKeyManagers()[0], full)
        },
        tmf == null ? null : tmf.getTrustManagers(),
        null);
    return new TlsTestServer(
        tcp -> {
          SSLSocket tls =
              (SSLSocket) ctx.getSocketFactory().createSocket(tcp, null, tcp.getPort(), true);
          tls.setUseClientMode(false);
          tls.setEnabledProtocols(protocols);
          tls.setNeedClientAuth(clientTrust != null);
          tls.startHandshake();
          return new Streams(tls.getInputStream(), tls.getOutputStream());
        },
        full);
  }

  /** TLS-PSK (TLS 1.2) knowing one identity and its key. */
  static TlsTestServer psk(String identity, byte[] key) throws IOException {
    TlsPSKIdentityManager keys =
        new TlsPSKIdentityManager() {
          @Override
          public byte[] getHint() {
            return null;
          }

          @Override
          public byte[] getPSK(byte[] offered) {
            return identity.equals(new String(offered, StandardCharsets.UTF_8))
                ? key.clone()
                : null;
          }
        };
    return new TlsTestServer(
        tcp -> {
          TlsServerProtocol protocol =
              new TlsServerProtocol(tcp.getInputStream(), tcp.getOutputStream());
          protocol.accept(new PSKTlsServer(new BcTlsCrypto(new SecureRandom()), keys));
          return new Streams(protocol.getInputStream(), protocol.getOutputStream());
        },
        new AtomicInteger());
  }

  URI uri(String host) {
    return URI.create("https://" + host + ":" + listener.getLocalPort() + "/dm");
  }

  URI httpUri() {
    return URI.create("http://localhost:" + listener.getLocalPort() + "/dm");
  }

  int requests() {
    return requests.get();
  }

  int fullHandshakes() {
    return fullHandshakes.get();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      Socket tcp;
      try {
        tcp = listener.accept();
      } catch (IOException e) {
        return;
      }
      open.add(tcp);
      Thread t = new Thread(() -> serve(tcp), "tls-test-connection");
      t.setDaemon(true);
      t.start();
    }
  }

  private void serve(Socket tcp) {
    try (tcp) {
      tcp.setTcpNoDelay(true);
      Streams s = handshake.accept(tcp);
      InputStream in = new BufferedInputStream(s.in());
      while (true) {
        int length = readHead(in);
        if (length < 0) {
          return;
        }
        in.readNBytes(length);
        requests.incrementAndGet();
        s.out().write(RawHttpServer.response("200 OK", "Content-Length: 6\r\n", "secure"));
        s.out().flush();
      }
    } catch (IOException e) {
      // A client that failed its handshake or went away: let it read the alert, then close.
      drain(tcp);
    }
  }

  private static void drain(Socket tcp) {
    try {
      tcp.shutdownOutput();
      tcp.setSoTimeout(1_000);
      tcp.getInputStream().skip(Long.MAX_VALUE);
    } catch (IOException ignored) {
      // Gone already.
    }
  }

  /** Reads a request head; its Content-Length, or -1 at the end of the connection. */
  private static int readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int state = 0;
    for (int c; state < 4; ) {
      if ((c = in.read()) < 0) {
        return -1;
      }
      head.append((char) c);
      state = (c == '\r' || c == '\n') ? state + 1 : 0;
    }
    for (String line : head.toString().split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Integer.parseInt(line.substring(15).trim());
      }
    }
    return 0;
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket s : open) {
      s.close();
    }
  }

  /** Counts the times a handshake needs the server's certificate: the full handshakes. */
  private static final class CountingKeyManager extends X509ExtendedKeyManager {
    private final X509ExtendedKeyManager delegate;
    private final AtomicInteger full;

    CountingKeyManager(X509ExtendedKeyManager delegate, AtomicInteger full) {
      this.delegate = delegate;
      this.full = full;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
      return delegate.chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return delegate.chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      full.incrementAndGet();
      return delegate.getPrivateKey(alias);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return delegate.getCertificateChain(alias);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return delegate.getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return delegate.chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return delegate.getServerAliases(keyType, issuers);
    }
  }
}
