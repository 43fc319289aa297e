package io.dmagent.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.download.Download;
import io.dmagent.api.download.DownloadException;
import io.dmagent.api.download.DownloadFailure;
import io.dmagent.api.download.DownloadRequest;
import java.lang.annotation.Annotation;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadServiceTest {
  private static final int SIZE = 1_000_000;
  private final byte[] content = bytes(SIZE, 1);
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();
  @TempDir Path dir;

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  @Test
  void dropped_connection_resumes_with_a_range_request_and_if_range() throws Exception {
    PackageServer server = server().dropAfter(400_000, 1);
    Path file = fetch(service(3), request(server.uri(), SIZE, Optional.of(sha(content))));

    assertThat(Files.readAllBytes(file)).isEqualTo(content);
    assertThat(server.ranges).hasSize(2).first().isEqualTo("null");
    assertThat(resumedAt(server)).isBetween(1L, 400_000L);
    assertThat(server.ifRanges).containsExactly("null", "\"v1\"");
  }

  @Test
  void download_resumes_after_a_restart_of_the_service() throws Exception {
    PackageServer server = server().dropAfter(300_000, 1);
    DownloadRequest request = request(server.uri(), SIZE, Optional.of(sha(content)));
    assertFailure(service(0).start(request), DownloadFailure.NETWORK);

    DownloadService restarted = service(0);
    long kept = Files.size(dir.resolve("downloads/fw/part"));
    Download again = restarted.start(request);
    assertThat(again.received()).isEqualTo(kept).isBetween(1L, 300_000L);
    assertThat(Files.readAllBytes(again.done().toCompletableFuture().get(20, TimeUnit.SECONDS)))
        .isEqualTo(content);
    assertThat(resumedAt(server)).isEqualTo(kept);
  }

  @Test
  void changed_package_is_fetched_again_from_its_start() throws Exception {
    PackageServer server = server().dropAfter(300_000, 1);
    DownloadRequest request = request(server.uri(), SIZE, Optional.empty());
    assertFailure(service(0).start(request), DownloadFailure.NETWORK);
    byte[] newer = bytes(SIZE, 2);
    server.replace(newer);

    assertThat(Files.readAllBytes(fetch(service(0), request))).isEqualTo(newer);
  }

  @Test
  void progress_is_logged_once_per_tenth() throws Exception {
    PackageServer server = server();
    fetch(service(0), request(server.uri(), SIZE, Optional.empty()));

    assertThat(lines.stream().filter(l -> l.contains(" %")))
        .extracting(l -> l.substring(l.indexOf(": ") + 2, l.indexOf(" %")))
        .containsExactly("10", "20", "30", "40", "50", "60", "70", "80", "90", "100");
  }

  @Test
  void digest_mismatch_fails_and_deletes_the_download() throws Exception {
    PackageServer server = server();
    Download d = service(0).start(request(server.uri(), SIZE, Optional.of(sha(bytes(SIZE, 9)))));
    assertFailure(d, DownloadFailure.DIGEST_MISMATCH);
    assertThat(dir.resolve("downloads/fw")).doesNotExist();
  }

  @Test
  void package_larger_than_the_request_bound_is_refused_before_its_body() throws Exception {
    PackageServer server = server();
    assertFailure(
        service(0).start(request(server.uri(), SIZE - 1, Optional.empty())),
        DownloadFailure.TOO_LARGE);
    assertThat(dir.resolve("downloads/fw/part")).doesNotExist();
  }

  @Test
  void configured_bound_caps_every_request() throws Exception {
    PackageServer server = server();
    DownloadService service = service(config(0, 1000, SIZE / 2));
    assertFailure(
        service.start(request(server.uri(), 10L * SIZE, Optional.empty())),
        DownloadFailure.TOO_LARGE);
  }

  @Test
  void missing_package_fails_without_retries() throws Exception {
    PackageServer server = server().status(404);
    assertFailure(
        service(5).start(request(server.uri(), SIZE, Optional.empty())), DownloadFailure.NOT_FOUND);
    assertThat(server.requests()).isEqualTo(1);
  }

  @Test
  void refused_download_is_not_authorized() throws Exception {
    PackageServer server = server().status(403);
    assertFailure(
        service(5).start(request(server.uri(), SIZE, Optional.empty())),
        DownloadFailure.NOT_AUTHORIZED);
  }

  @Test
  void server_errors_are_retried_as_often_as_configured_then_fail() throws Exception {
    PackageServer server = server().status(503);
    assertFailure(
        service(2).start(request(server.uri(), SIZE, Optional.empty())), DownloadFailure.NETWORK);
    assertThat(server.requests()).isEqualTo(3);
  }

  @Test
  void stalled_connection_counts_as_dropped_after_the_idle_timeout() throws Exception {
    PackageServer server = server().stallAfter(100_000);
    DownloadService service = service(config(1, 10, SIZE * 2L, 1));
    Download d = service.start(request(server.uri(), SIZE, Optional.empty()));
    assertFailure(d, DownloadFailure.NETWORK);
    assertThat(server.requests()).isEqualTo(2);
    assertThat(d.received()).isEqualTo(100_000);
  }

  @Test
  void cancelled_download_keeps_its_part() throws Exception {
    PackageServer server = server().stallAfter(200_000);
    DownloadService service = service(0);
    Download d = service.start(request(server.uri(), SIZE, Optional.empty()));
    await(() -> d.received() == 200_000);
    d.cancel();
    assertFailure(d, DownloadFailure.CANCELLED);
    assertThat(dir.resolve("downloads/fw/part")).hasSize(200_000);
  }

  @Test
  void discard_deletes_file_and_part() throws Exception {
    PackageServer server = server();
    DownloadService service = service(0);
    fetch(service, request(server.uri(), SIZE, Optional.empty()));
    service.discard("fw");
    assertThat(dir.resolve("downloads/fw")).doesNotExist();
    assertThat(service.find("fw")).isEmpty();
  }

  @Test
  void user_info_of_a_url_never_reaches_the_log() {
    assertThat(DownloadService.withoutUserInfo(URI.create("https://ops:s3cret@h/p.jar")))
        .isEqualTo("https://h/p.jar");
  }

  /** Where the second request asked the package to continue. */
  private static long resumedAt(PackageServer server) {
    assertThat(server.ranges.get(1)).startsWith("bytes=").endsWith("-");
    String range = server.ranges.get(1);
    return Long.parseLong(range.substring(6, range.length() - 1));
  }

  /**
   * An HTTPS package server whose certificate (for 127.0.0.1, self-signed, made with keytool) is in
   * {@code trust.p12} and in no JDK CA list.
   */
  private PackageServer httpsServer() throws Exception {
    keytool(
        "-genkeypair",
        "-alias",
        "server",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=127.0.0.1",
        "-ext",
        "san=ip:127.0.0.1",
        "-validity",
        "2",
        "-keystore",
        dir.resolve("server.p12").toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        "changeit");
    keytool(
        "-exportcert",
        "-alias",
        "server",
        "-keystore",
        dir.resolve("server.p12").toString(),
        "-storepass",
        "changeit",
        "-file",
        dir.resolve("server.cer").toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "server",
        "-file",
        dir.resolve("server.cer").toString(),
        "-keystore",
        dir.resolve("trust.p12").toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        "changeit");
    java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(dir.resolve("server.p12"))) {
      keys.load(in, "changeit".toCharArray());
    }
    javax.net.ssl.KeyManagerFactory kmf =
        javax.net.ssl.KeyManagerFactory.getInstance(
            javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, "changeit".toCharArray());
    javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    PackageServer s = new PackageServer(content, tls);
    open.add(s);
    return s;
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("keytool said: " + out).isZero();
  }

  @Test
  void an_https_download_trusted_by_the_tls_trust_store_resumes_with_a_range() throws Exception {
    PackageServer server = httpsServer().dropAfter(400_000, 1);
    DownloadService service = service(config(3, 10, SIZE, 30, "trust.p12"));

    Path file = fetch(service, request(server.uri(), SIZE, Optional.of(sha(content))));

    assertThat(server.uri().getScheme()).isEqualTo("https");
    assertThat(Files.readAllBytes(file)).isEqualTo(content);
    assertThat(server.ranges).hasSize(2).first().isEqualTo("null");
    assertThat(resumedAt(server)).isBetween(1L, 400_000L);
  }

  @Test
  void an_https_server_no_trusted_certificate_vouches_for_is_refused() throws Exception {
    PackageServer server = httpsServer();
    DownloadService service = service(config(0, 10, SIZE, 30, ""));

    assertFailure(
        service.start(request(server.uri(), SIZE, Optional.empty())), DownloadFailure.NETWORK);
    assertThat(server.requests()).isZero();
    assertThat(lines).anyMatch(l -> l.contains("SSLHandshakeException"));
  }

  @Test
  void a_tls_trust_store_made_after_the_service_started_is_read_at_the_next_download()
      throws Exception {
    DownloadService service = service(config(0, 10, SIZE, 30, "trust.p12"));
    PackageServer server = httpsServer();

    Path file = fetch(service, request(server.uri(), SIZE, Optional.of(sha(content))));

    assertThat(Files.readAllBytes(file)).isEqualTo(content);
  }

  private PackageServer server() throws Exception {
    PackageServer s = new PackageServer(content);
    open.add(s);
    return s;
  }

  private DownloadService service(int retries) {
    return service(config(retries, 10, 256L * 1024 * 1024));
  }

  private DownloadService service(DownloadConfig config) {
    DownloadService s =
        new DownloadService(
            dir.resolve("downloads"),
            dir,
            config,
            new DownloadLog() {
              @Override
              public void info(String line) {
                lines.add(line);
              }

              @Override
              public void warn(String line) {
                lines.add(line);
              }
            });
    open.add(s::close);
    return s;
  }

  private static DownloadRequest request(URI source, long max, Optional<String> sha) {
    return new DownloadRequest("fw", source, max, sha);
  }

  private static Path fetch(DownloadService service, DownloadRequest request) throws Exception {
    return service.start(request).done().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static void assertFailure(Download d, DownloadFailure failure) {
    assertThatThrownBy(() -> d.done().toCompletableFuture().get(20, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(DownloadException.class)
        .extracting(e -> ((DownloadException) e).failure())
        .isEqualTo(failure);
  }

  private static void await(java.util.function.BooleanSupplier condition) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(end);
      Thread.sleep(10);
    }
  }

  private static byte[] bytes(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static String sha(byte[] b) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
  }

  static DownloadConfig config(int retries, long initialMillis, long maxBytes) {
    return config(retries, initialMillis, maxBytes, 30);
  }

  static DownloadConfig config(int retries, long initialMillis, long maxBytes, int idleSeconds) {
    return config(retries, initialMillis, maxBytes, idleSeconds, "");
  }

  static DownloadConfig config(
      int retries, long initialMillis, long maxBytes, int idleSeconds, String tlsTrustStore) {
    return new DownloadConfig() {
      @Override
      public Class<? extends Annotation> annotationType() {
        return DownloadConfig.class;
      }

      @Override
      public String folder() {
        return "";
      }

      @Override
      public long maxBytes() {
        return maxBytes;
      }

      @Override
      public int retries() {
        return retries;
      }

      @Override
      public long retryInitialMillis() {
        return initialMillis;
      }

      @Override
      public long retryMaxMillis() {
        return 1000;
      }

      @Override
      public int idleTimeoutSeconds() {
        return idleSeconds;
      }

      @Override
      public String trustStore() {
        return "";
      }

      @Override
      public String trustStorePassword() {
        return "";
      }

      @Override
      public String tlsTrustStore() {
        return tlsTrustStore;
      }

      @Override
      public String tlsTrustStorePassword() {
        return "changeit";
      }

      @Override
      public boolean allowUnsigned() {
        return false;
      }
    };
  }
}
