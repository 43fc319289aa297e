package io.dmagent.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.server.http.ServerChannels;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's TLS channel is set up by its first connection, with real stores and JSSE. */
class DeferredChannelsTest {
  private static final char[] PASSWORD = "store-password-never-shown".toCharArray();

  @TempDir Path dir;
  private Path serverStore;
  private Path caStore;
  private final AtomicInteger setups = new AtomicInteger();

  @BeforeEach
  void certificates() throws Exception {
    serverStore = dir.resolve("server.p12");
    caStore = dir.resolve("demo-ca.p12");
    DemoCertificates.ensure(serverStore, caStore, PASSWORD);
  }

  private DeferredChannels channels(char[] password) {
    return new DeferredChannels(
        "https",
        () -> {
          setups.incrementAndGet();
          return ServerTls.https(ServerTls.load(serverStore, "PKCS12", password), password);
        });
  }

  @Test
  void the_key_store_is_read_at_the_first_connection_and_only_then() throws Exception {
    DeferredChannels channels = channels(PASSWORD);
    assertThat(channels.scheme()).isEqualTo("https");
    assertThat(setups).hasValue(0);

    assertThat(echoOverTls(channels)).isEqualTo(42);
    assertThat(setups).hasValue(1);
    assertThat(echoOverTls(channels)).isEqualTo(42);
    assertThat(setups).hasValue(1);
  }

  @Test
  void a_key_store_that_cannot_be_read_fails_the_connection_naming_the_store_not_the_password()
      throws Exception {
    DeferredChannels channels = channels("wrong".toCharArray());

    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client = new Socket(listener.getInetAddress(), listener.getLocalPort());
        Socket accepted = listener.accept()) {
      assertThatThrownBy(() -> channels.open(accepted))
          .isInstanceOfSatisfying(
              IOException.class,
              e ->
                  assertThat(channels.failure(e))
                      .startsWith("the server's TLS channel cannot be set up: ")
                      .contains(serverStore.toString())
                      .doesNotContain(new String(PASSWORD))
                      .doesNotContain("wrong"));
    }
    // Tried again by the next connection, not remembered as failed.
    assertThatThrownBy(() -> channels.open(new Socket())).isInstanceOf(IOException.class);
    assertThat(setups).hasValue(2);
  }

  /** One TLS connection: the client sends a byte, the server's side echoes it. */
  private int echoOverTls(ServerChannels channels) throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Void> server =
          CompletableFuture.runAsync(
              () -> {
                try (Socket tcp = listener.accept()) {
                  ServerChannels.Streams s = channels.open(tcp);
                  s.out().write(s.in().read());
                  s.out().flush();
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });
      try (SSLSocket client =
          (SSLSocket)
              trustingDemoCa()
                  .getSocketFactory()
                  .createSocket(listener.getInetAddress(), listener.getLocalPort())) {
        client.getOutputStream().write(42);
        client.getOutputStream().flush();
        int echoed = client.getInputStream().read();
        server.get(10, TimeUnit.SECONDS);
        return echoed;
      }
    }
  }

  private SSLContext trustingDemoCa() throws Exception {
    KeyStore trust = ServerTls.load(caStore, "PKCS12", PASSWORD);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }
}
