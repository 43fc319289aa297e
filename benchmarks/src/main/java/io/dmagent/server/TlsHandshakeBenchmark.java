package io.dmagent.server;

import io.dmagent.server.tls.DemoCertificates;
import io.dmagent.server.tls.ServerTls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a resumed TLS handshake costs in the JDK alone, without the agent: a new loopback
 * connection, a JSSE handshake resuming the session of the client's context, one byte each way,
 * close; the JSSE server in this JVM, with the demo certificate (EC P-256). The floor under the
 * session benchmark's {@code tls-resumed} channel: TLS 1.3 resumption in JSSE always runs an ECDHE
 * exchange ({@code psk_dhe_ke}), TLS 1.2 resumption none. {@code protocol=TCP} is the same without
 * TLS.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class TlsHandshakeBenchmark {
  @Param({"TCP", "TLSv1.2", "TLSv1.3"})
  public String protocol;

  private Path dir;
  private java.net.ServerSocket server;
  private SSLContext client;
  private Thread acceptor;

  @Setup(Level.Trial)
  public void start() throws Exception {
    dir = Files.createTempDirectory("dmagent-tls-bench");
    char[] pw = "bench-only".toCharArray();
    DemoCertificates.ensure(dir.resolve("server.p12"), dir.resolve("ca.p12"), pw);
    if (protocol.equals("TCP")) {
      server = new java.net.ServerSocket(0);
    } else {
      KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
      kmf.init(ServerTls.load(dir.resolve("server.p12"), "PKCS12", pw), pw);
      SSLContext serverContext = SSLContext.getInstance(protocol);
      serverContext.init(kmf.getKeyManagers(), null, null);
      KeyStore trust = ServerTls.load(dir.resolve("ca.p12"), "PKCS12", pw);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
      tmf.init(trust);
      client = SSLContext.getInstance(protocol);
      client.init(null, tmf.getTrustManagers(), null);
      server = serverContext.getServerSocketFactory().createServerSocket(0);
      ((SSLServerSocket) server).setEnabledProtocols(new String[] {protocol});
    }
    acceptor = new Thread(this::serve, "tls-bench-server");
    acceptor.start();
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        s.setTcpNoDelay(true);
        if (s.getInputStream().read() >= 0) {
          s.getOutputStream().write(1);
          s.getOutputStream().flush();
        }
      } catch (IOException e) {
        // The trial ended, or a client gave up: the next accept tells which.
      }
    }
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    server.close();
    acceptor.join(5_000);
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Benchmark
  public int connectHandshakeAndExchange() throws IOException {
    Socket tcp = new Socket("127.0.0.1", server.getLocalPort());
    tcp.setTcpNoDelay(true);
    Socket s =
        client == null
            ? tcp
            : client.getSocketFactory().createSocket(tcp, "localhost", server.getLocalPort(), true);
    try (s) {
      if (s instanceof SSLSocket tls) {
        tls.startHandshake();
      }
      OutputStream out = s.getOutputStream();
      out.write(1);
      out.flush();
      InputStream in = s.getInputStream();
      return in.read();
    }
  }
}
