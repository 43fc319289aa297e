package io.dmagent.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.transport.ChannelSecurity;
import io.dmagent.api.transport.DmMediaType;
import io.dmagent.api.transport.TransportException;
import io.dmagent.api.transport.TransportException.Kind;
import io.dmagent.api.transport.TransportRequest;
import io.dmagent.api.transport.TransportSession;
import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real TLS on loopback with a certificate made for the test by the JDK's keytool. */
class TlsTransportTest {
  private static final char[] PASSWORD = "changeit".toCharArray();
  private static final HttpLimits LIMITS =
      new HttpLimits(Duration.ofSeconds(5), Duration.ofSeconds(5), 64 * 1024, "t");

  @TempDir static Path dir;
  private static KeyStore serverKeys;

  @BeforeAll
  static void makeCertificate() throws Exception {
    Path store = dir.resolve("server.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                new String(PASSWORD),
                "-keypass",
                new String(PASSWORD))
            .redirectErrorStream(true)
            .start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).isZero();
    serverKeys = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(store.toFile())) {
      serverKeys.load(in, PASSWORD);
    }
  }

  private static SSLContext trustingTheServer() throws GeneralSecurityException, IOException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", serverKeys.getCertificate("server"));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  /** A one-connection HTTPS server answering every request with a fixed body, until closed. */
  private static SSLServerSocket httpsServer() throws Exception {
    return httpsServer(InetAddress.getLoopbackAddress());
  }

  private static SSLServerSocket httpsServer(InetAddress bind) throws Exception {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(serverKeys, PASSWORD);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    SSLServerSocket server =
        (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 5, bind);
    Thread t =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                  InputStream in = new BufferedInputStream(s.getInputStream());
                  int state = 0;
                  for (int c; state < 4 && (c = in.read()) >= 0; ) {
                    state = (c == '\r' || c == '\n') ? state + 1 : 0;
                  }
                  in.readNBytes(1);
                  OutputStream out = s.getOutputStream();
                  out.write(
                      RawHttpServer.response(
                          "200 OK", "Content-Length: 6\r\nConnection: close\r\n", "secure"));
                  out.flush();
                } catch (Exception e) {
                  // A client that failed its handshake: serve the next one.
                }
              }
            },
            "https-test-server");
    t.setDaemon(true);
    t.start();
    return server;
  }

  private static TransportRequest post(URI target) {
    return TransportRequest.of(target, "x".getBytes(StandardCharsets.UTF_8), DmMediaType.DM_XML);
  }

  @Test
  void a_trusted_certificate_for_the_host_carries_the_session() throws Exception {
    HttpTransport transport = new HttpTransport(LIMITS, TlsTransportTest::trustingTheServer);
    try (SSLServerSocket server = httpsServer()) {
      URI uri = URI.create("https://localhost:" + server.getLocalPort() + "/dm");
      try (TransportSession session = transport.open(uri, ChannelSecurity.tls())) {
        assertThat(new String(session.exchange(post(uri)).body(), StandardCharsets.UTF_8))
            .isEqualTo("secure");
      }
    }
  }

  @Test
  void an_untrusted_certificate_fails_the_handshake() throws Exception {
    HttpTransport transport = new HttpTransport(LIMITS, SSLContext::getDefault);
    try (SSLServerSocket server = httpsServer()) {
      URI uri = URI.create("https://localhost:" + server.getLocalPort() + "/dm");
      try (TransportSession session = transport.open(uri, ChannelSecurity.tls())) {
        assertThatThrownBy(() -> session.exchange(post(uri)))
            .isInstanceOfSatisfying(
                TransportException.class, e -> assertThat(e.kind()).isEqualTo(Kind.SECURITY))
            .hasMessageContaining("TLS with https://localhost");
      }
    }
  }

  @Test
  void a_certificate_for_another_host_fails_the_handshake() throws Exception {
    HttpTransport transport = new HttpTransport(LIMITS, TlsTransportTest::trustingTheServer);
    try (SSLServerSocket server = httpsServer()) {
      // The certificate names localhost and 127.0.0.1, not ::1's name "ip6-localhost" nor another
      // address.
      URI uri = URI.create("https://127.0.0.2:" + server.getLocalPort() + "/dm");
      try (TransportSession session = transport.open(uri, ChannelSecurity.tls())) {
        assertThatThrownBy(() -> session.exchange(post(uri)))
            .isInstanceOfSatisfying(
                TransportException.class,
                e -> assertThat(e.kind()).isIn(Kind.SECURITY, Kind.CONNECT));
      }
    }
  }
}
