package io.dmagent.pushhttp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;

/**
 * A real Felix with the agent's HTTP listener (Felix HTTP Jetty 12), this bundle and a receiver
 * bundle that echoes what it got: pushes POSTed over a real socket reach the receiver, and what
 * must not reach it (wrong method, no type, too large) is refused by the binding.
 */
class HttpPushBindingTest {
  private static final String NOTIFICATION = "application/vnd.syncml.notification";

  @TempDir static Path dir;
  static Framework felix;
  static URI push;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path config = Files.createDirectories(dir.resolve("config"));
    Files.writeString(config.resolve("io.dmagent.http.listener.cfg"), "port=" + port + "\n");
    Map<String, String> props = new HashMap<>();
    props.put(Constants.FRAMEWORK_STORAGE, dir.resolve("framework").toString());
    props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
    props.put("felix.fileinstall.dir", config.toString());
    props.put("felix.fileinstall.noInitialDelay", "true");
    props.put("felix.fileinstall.poll", "200");
    props.put("felix.fileinstall.enableConfigSave", "false");
    props.put("org.apache.felix.http.require.config", "true");
    felix = new FrameworkFactory().newFramework(props);
    felix.init();
    List<Bundle> bundles = new ArrayList<>();
    try (Stream<Path> jars = Files.list(Path.of("target/felix-bundles"))) {
      for (Path jar : jars.sorted().toList()) {
        bundles.add(felix.getBundleContext().installBundle(jar.toUri().toString()));
      }
    }
    bundles.add(
        felix.getBundleContext().installBundle("reference:" + Path.of("target/classes").toUri()));
    bundles.add(felix.getBundleContext().installBundle(echoBundle().toUri().toString()));
    felix.start();
    for (Bundle b : bundles) {
      if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
        b.start();
      }
    }
    push = URI.create("http://127.0.0.1:" + port + "/dm/push");
  }

  @AfterAll
  static void stop() throws Exception {
    if (felix != null) {
      felix.stop();
      felix.waitForStop(10_000);
    }
  }

  @Test
  void a_posted_notification_reaches_the_receiver_and_gets_its_verdict() throws Exception {
    HttpResponse<String> r = await(post(NOTIFICATION, new byte[] {1, 2, 3, 4, 5}));

    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(r.headers().firstValue("X-DM-Push-Reason"))
        .contains("took 5 bytes of " + NOTIFICATION + " over http");
    assertThat(r.body()).isEmpty();
  }

  @Test
  void a_malformed_notification_gets_the_receivers_refusal() throws Exception {
    HttpResponse<String> r = await(post(NOTIFICATION, "Xbad".getBytes()));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("X-DM-Push-Reason")).contains("starts with X");
  }

  @Test
  void a_body_over_the_receivers_bound_is_too_large() throws Exception {
    HttpResponse<String> declared = await(post(NOTIFICATION, new byte[1001]));
    HttpResponse<String> chunked =
        await(
            HttpRequest.newBuilder(push)
                .header("Content-Type", NOTIFICATION)
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(new byte[5000]))));
    HttpResponse<String> atTheBound = await(post(NOTIFICATION, new byte[1000]));

    assertThat(declared.statusCode()).isEqualTo(413);
    assertThat(chunked.statusCode()).isEqualTo(413);
    assertThat(atTheBound.statusCode()).isEqualTo(202);
  }

  @Test
  void a_post_without_content_type_is_refused() throws Exception {
    HttpResponse<String> r =
        await(
            HttpRequest.newBuilder(push).POST(HttpRequest.BodyPublishers.ofByteArray(new byte[3])));

    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(r.headers().firstValue("X-DM-Push-Reason")).contains("Content-Type required");
  }

  @Test
  void other_methods_are_refused() throws Exception {
    HttpResponse<String> get = await(HttpRequest.newBuilder(push).GET());
    HttpResponse<String> put =
        await(
            HttpRequest.newBuilder(push)
                .header("Content-Type", NOTIFICATION)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[3])));

    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(put.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).contains("POST");
  }

  private HttpRequest.Builder post(String type, byte[] body) {
    return HttpRequest.newBuilder(push)
        .header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
  }

  /** The first answer, asked until the whiteboard serves the servlet (Jetty starts async). */
  private HttpResponse<String> await(HttpRequest.Builder request) throws Exception {
    Instant deadline = Instant.now().plusSeconds(90); // generous: a loaded CI machine
    while (true) {
      try {
        HttpResponse<String> r =
            http.send(
                request.timeout(Duration.ofSeconds(5)).build(),
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

  /** The receiver's bundle, as another bundle of the agent would be: two classes, a manifest. */
  private static Path echoBundle() throws IOException {
    Manifest mf = new Manifest();
    Attributes a = mf.getMainAttributes();
    a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    a.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
    a.putValue(Constants.BUNDLE_SYMBOLICNAME, "test.echo.receiver");
    a.putValue(Constants.BUNDLE_ACTIVATOR, EchoActivator.class.getName());
    a.putValue(Constants.IMPORT_PACKAGE, "io.dmagent.api.push,org.osgi.framework");
    Path jar = dir.resolve("echo.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out, mf)) {
      for (Class<?> c : List.of(EchoReceiver.class, EchoActivator.class)) {
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
}
