package io.dmagent.server.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference server's package files over a real socket, with the JDK's HTTP client. */
class PackageServerTest {
  @TempDir Path dir;
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private PackageServer server;
  private byte[] content;

  @BeforeEach
  void start() throws IOException {
    content = new byte[100_000];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) (i * 31);
    }
    Files.write(dir.resolve("meter-1.0.0.jar"), content);
    server = new PackageServer(new InetSocketAddress("127.0.0.1", 0), dir, log::add);
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  private HttpResponse<byte[]> get(String name, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(name));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void a_package_is_served_whole_with_its_etag() throws Exception {
    HttpResponse<byte[]> r = get("meter-1.0.0.jar");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(content);
    assertThat(r.headers().firstValue("etag")).isPresent();
    assertThat(r.headers().firstValue("accept-ranges")).contains("bytes");
  }

  @Test
  void a_range_is_answered_206_with_the_rest_of_the_file() throws Exception {
    String etag = get("meter-1.0.0.jar").headers().firstValue("etag").orElseThrow();

    HttpResponse<byte[]> r = get("meter-1.0.0.jar", "Range", "bytes=60000-", "If-Range", etag);

    assertThat(r.statusCode()).isEqualTo(206);
    assertThat(r.headers().firstValue("content-range")).contains("bytes 60000-99999/100000");
    assertThat(r.body()).isEqualTo(Arrays.copyOfRange(content, 60000, 100000));
  }

  @Test
  void a_range_for_another_version_of_the_file_gets_the_whole_file() throws Exception {
    HttpResponse<byte[]> r =
        get("meter-1.0.0.jar", "Range", "bytes=60000-", "If-Range", "\"an-older-file\"");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(content);
  }

  @Test
  void a_range_past_the_end_is_416_and_a_missing_or_strange_name_404() throws Exception {
    assertThat(get("meter-1.0.0.jar", "Range", "bytes=100000-").statusCode()).isEqualTo(416);
    assertThat(get("nothing.jar").statusCode()).isEqualTo(404);
    assertThat(get("..%2Fsecret").statusCode()).isEqualTo(404);
  }

  @Test
  void an_armed_drop_cuts_the_next_download_once_and_the_rest_comes_by_range() throws Exception {
    server.dropOnce(30_000);

    assertThatThrownBy(() -> get("meter-1.0.0.jar")).isInstanceOf(IOException.class);
    HttpResponse<byte[]> rest = get("meter-1.0.0.jar", "Range", "bytes=30000-");
    HttpResponse<byte[]> again = get("meter-1.0.0.jar");

    assertThat(rest.statusCode()).isEqualTo(206);
    assertThat(rest.body()).isEqualTo(Arrays.copyOfRange(content, 30000, 100000));
    assertThat(again.body()).isEqualTo(content);
    assertThat(log).anyMatch(l -> l.contains("dropped the connection after 30000 of 100000 bytes"));
  }

  @Test
  void over_https_the_same_handler_serves_a_range_with_the_demo_certificate() throws Exception {
    char[] password = "pw".toCharArray();
    Path store = dir.resolve("tls/server.p12");
    Path ca = dir.resolve("tls/demo-ca.p12");
    io.dmagent.server.tls.DemoCertificates.ensure(store, ca, password);
    javax.net.ssl.TrustManagerFactory tmf =
        javax.net.ssl.TrustManagerFactory.getInstance(
            javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(io.dmagent.server.tls.ServerTls.load(ca, "PKCS12", password));
    javax.net.ssl.SSLContext trusting = javax.net.ssl.SSLContext.getInstance("TLS");
    trusting.init(null, tmf.getTrustManagers(), null);
    try (PackageServer https =
        new PackageServer(
            new InetSocketAddress("127.0.0.1", 0),
            dir,
            io.dmagent.server.tls.ServerTls.https(
                io.dmagent.server.tls.ServerTls.load(store, "PKCS12", password), password),
            log::add)) {
      HttpResponse<byte[]> r =
          HttpClient.newBuilder()
              .sslContext(trusting)
              .build()
              .send(
                  HttpRequest.newBuilder(https.uri("meter-1.0.0.jar"))
                      .header("Range", "bytes=60000-")
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray());

      assertThat(https.uri("").getScheme()).isEqualTo("https");
      assertThat(r.statusCode()).isEqualTo(206);
      assertThat(r.body()).isEqualTo(Arrays.copyOfRange(content, 60000, 100000));
    }
  }
}
