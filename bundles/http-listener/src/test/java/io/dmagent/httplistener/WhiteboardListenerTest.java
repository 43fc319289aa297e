package io.dmagent.httplistener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;

/**
 * A real Felix with Felix HTTP Jetty 12, SCR, ConfigAdmin and FileInstall, this bundle, and a
 * bundle that registers a servlet on the whiteboard: the servlet is served where our configuration
 * says (loopback by default), over TLS when a key store is configured.
 */
class WhiteboardListenerTest {
  @TempDir Path dir;
  Framework felix;

  @AfterEach
  void stop() throws Exception {
    if (felix != null) {
      felix.stop();
      felix.waitForStop(10_000);
    }
  }

  @Test
  void a_whiteboard_servlet_is_served_on_loopback_only_by_default() throws Exception {
    int port = freePort();
    start("port=" + port + "\n");

    HttpResponse<String> hello = await(http(), URI.create("http://127.0.0.1:" + port + "/hello"));

    assertThat(hello.statusCode()).isEqualTo(200);
    assertThat(hello.body()).isEqualTo("hello from the whiteboard, secure=false");
    Optional<InetAddress> outside = nonLoopbackAddress();
    if (outside.isPresent()) {
      assertThatThrownBy(() -> connect(outside.get(), port))
          .as("the listener on %s", outside.get())
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void with_a_key_store_configured_the_servlet_is_served_over_tls_only() throws Exception {
    int port = freePort();
    Path keyStore = selfSignedKeyStore("changeit");
    start(
        "port="
            + port
            + "\nkeyStore="
            + keyStore
            + "\nkeyStoreType=PKCS12\nkeyStorePassword=changeit\n");

    HttpResponse<String> hello =
        await(https(keyStore, "changeit"), URI.create("https://127.0.0.1:" + port + "/hello"));

    assertThat(hello.statusCode()).isEqualTo(200);
    assertThat(hello.body()).isEqualTo("hello from the whiteboard, secure=true");
    assertThatThrownBy(
            () ->
                http()
                    .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello"))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                        HttpResponse.BodyHandlers.ofString()))
        .as("plain HTTP on the TLS port")
        .isInstanceOf(IOException.class);
  }

  @Test
  void with_a_trust_store_only_clients_with_a_trusted_certificate_are_served() throws Exception {
    int port = freePort();
    Path keyStore = selfSignedKeyStore("changeit");
    Path client = selfSignedKeyStore("client.p12", "clientpw");
    start(
        "port="
            + port
            + "\nkeyStore="
            + keyStore
            + "\nkeyStorePassword=changeit\ntrustStore="
            + client
            + "\ntrustStorePassword=clientpw\n");
    URI hello = URI.create("https://127.0.0.1:" + port + "/hello");

    HttpResponse<String> served = await(https(keyStore, "changeit", client, "clientpw"), hello);

    assertThat(served.statusCode()).isEqualTo(200);
    assertThatThrownBy(
            () ->
                https(keyStore, "changeit")
                    .send(
                        HttpRequest.newBuilder(hello).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString()))
        .as("a client without a certificate")
        .isInstanceOf(IOException.class);
  }

  private void start(String listenerConfig) throws Exception {
    Path config = Files.createDirectories(dir.resolve("config"));
    Files.writeString(config.resolve(ListenerConfig.PID + ".cfg"), listenerConfig);
    Map<String, String> props = new HashMap<>();
    props.put(Constants.FRAMEWORK_STORAGE, dir.resolve("framework").toString());
    props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
    props.put("felix.fileinstall.dir", config.toString());
    props.put("felix.fileinstall.noInitialDelay", "true");
    props.put("felix.fileinstall.poll", "200");
    // As the agent's launcher: FileInstall never writes configurations back into config/ (its
    // write-back races with its own poll and can apply a half-written file).
    props.put("felix.fileinstall.enableConfigSave", "false");
    // As the agent's launcher: Jetty waits for the configuration this bundle writes.
    props.put("org.apache.felix.http.require.config", "true");
    felix = new FrameworkFactory().newFramework(props);
    felix.init();
    List<Bundle> bundles = new java.util.ArrayList<>();
    try (Stream<Path> jars = Files.list(Path.of("target/felix-bundles"))) {
      for (Path jar : jars.sorted().toList()) {
        bundles.add(felix.getBundleContext().installBundle(jar.toUri().toString()));
      }
    }
    bundles.add(
        felix.getBundleContext().installBundle("reference:" + Path.of("target/classes").toUri()));
    bundles.add(felix.getBundleContext().installBundle(helloBundle().toUri().toString()));
    felix.start();
    for (Bundle b : bundles) {
      b.start();
    }
  }

  /** The servlet's bundle, as a vendor would build it: the two classes and a manifest. */
  private Path helloBundle() throws IOException {
    Manifest mf = new Manifest();
    Attributes a = mf.getMainAttributes();
    a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    a.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
    a.putValue(Constants.BUNDLE_SYMBOLICNAME, "test.hello.servlet");
    a.putValue(Constants.BUNDLE_ACTIVATOR, HelloActivator.class.getName());
    a.putValue(Constants.IMPORT_PACKAGE, "jakarta.servlet,jakarta.servlet.http,org.osgi.framework");
    a.putValue(
        Constants.REQUIRE_CAPABILITY,
        "osgi.contract;filter:=\"(&(osgi.contract=JakartaServlet)(version=6.0))\"");
    Path jar = dir.resolve("hello.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out, mf)) {
      for (Class<?> c : List.of(HelloServlet.class, HelloActivator.class)) {
        String entry = c.getName().replace('.', '/') + ".class";
        j.putNextEntry(new JarEntry(entry));
        try (InputStream in = c.getClassLoader().getResourceAsStream(entry)) {
          in.transferTo(j);
        }
        j.closeEntry();
      }
    }
    return jar;
  }

  /** The first answer, asked until the whiteboard has started (Jetty starts asynchronously). */
  private static HttpResponse<String> await(HttpClient client, URI uri) throws Exception {
    Instant deadline = Instant.now().plusSeconds(90); // generous: a loaded CI machine
    while (true) {
      try {
        HttpResponse<String> r =
            client.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 404 || Instant.now().isAfter(deadline)) {
          return r;
        }
      } catch (IOException e) {
        if (Instant.now().isAfter(deadline)) {
          throw e;
        }
      }
      Thread.sleep(100);
    }
  }

  private static HttpClient http() {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** A client that presents the certificate of {@code identity}. */
  private static HttpClient https(Path trust, String password, Path identity, String idPassword)
      throws Exception {
    KeyStore id = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(identity)) {
      id.load(in, idPassword.toCharArray());
    }
    javax.net.ssl.KeyManagerFactory kmf =
        javax.net.ssl.KeyManagerFactory.getInstance(
            javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(id, idPassword.toCharArray());
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(trust)) {
      ks.load(in, password.toCharArray());
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
  }

  private static HttpClient https(Path trust, String password) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(trust)) {
      ks.load(in, password.toCharArray());
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** A key pair and self-signed certificate for 127.0.0.1, made by the JDK's keytool. */
  private Path selfSignedKeyStore(String password) throws Exception {
    return selfSignedKeyStore("listener.p12", password);
  }

  private Path selfSignedKeyStore(String file, String password) throws Exception {
    Path store = dir.resolve(file);
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "listener",
                "-keyalg",
                "EC",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "san=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                password)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as("keytool: " + out).isZero();
    return store;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void connect(InetAddress address, int port) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(address, port), 2000);
    }
  }

  /** An IPv4 address of this machine that is not loopback, if it has one. */
  private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
    return NetworkInterface.networkInterfaces()
        .filter(
            i -> {
              try {
                return i.isUp() && !i.isLoopback();
              } catch (IOException e) {
                return false;
              }
            })
        .flatMap(NetworkInterface::inetAddresses)
        .filter(a -> a instanceof Inet4Address)
        .findFirst();
  }
}
