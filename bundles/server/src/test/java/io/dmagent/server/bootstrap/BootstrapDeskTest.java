package io.dmagent.server.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.codec.message.SyncMlCodec;
import io.dmagent.server.DmServer;
import io.dmagent.server.ServerLog;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reference server answering bootstrap GETs over its real HTTP endpoint. */
class BootstrapDeskTest {
  private static final String DEV_ID = "urn:dev:mac:02fc00000001";

  private final List<String> log = new CopyOnWriteArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private DmServer server;
  private BootstrapMessage message;

  @BeforeEach
  void start() throws Exception {
    SyncMlCodec codec = new SyncMlCodec();
    server =
        DmServer.builder(codec)
            .port(0)
            .serverId("ref-server")
            .log(ServerLog.of(log::add, log::add))
            .start();
    message =
        new BootstrapEncoder(codec)
            .encode(
                DEV_ID,
                new BootstrapAccount(
                    "ref", "ref-server", server.uri(), Optional.empty(), "", "", ""),
                "");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<byte[]> get(String query, Optional<String> ifNoneMatch) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.bootstrapUri() + query));
    ifNoneMatch.ifPresent(e -> b.header("If-None-Match", e));
    return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String devIdQuery(String devId) {
    return "?DevId=" + URLEncoder.encode(devId, StandardCharsets.UTF_8);
  }

  @Test
  void a_device_without_a_bootstrap_message_gets_404() throws Exception {
    assertThat(get(devIdQuery(DEV_ID), Optional.empty()).statusCode()).isEqualTo(404);
  }

  @Test
  void a_device_gets_its_message_with_an_etag_and_304_when_it_has_it_already() throws Exception {
    server.bootstrapDesk().keep(DEV_ID, message);

    HttpResponse<byte[]> first = get(devIdQuery(DEV_ID), Optional.empty());
    HttpResponse<byte[]> again = get(devIdQuery(DEV_ID), first.headers().firstValue("ETag"));

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).isEqualTo(message.body());
    assertThat(first.headers().firstValue("Content-Type"))
        .contains("application/vnd.syncml.dm+wbxml");
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(get(devIdQuery("urn:dev:mac:other"), Optional.empty()).statusCode()).isEqualTo(404);
  }

  @Test
  void a_withdrawn_message_is_404_again() throws Exception {
    server.bootstrapDesk().keep(DEV_ID, message);
    server.bootstrapDesk().forget(DEV_ID);

    assertThat(get(devIdQuery(DEV_ID), Optional.empty()).statusCode()).isEqualTo(404);
  }

  @Test
  void a_request_without_devid_or_not_a_get_is_refused() throws Exception {
    server.bootstrapDesk().keep(DEV_ID, message);

    assertThat(get("", Optional.empty()).statusCode()).isEqualTo(400);
    HttpResponse<byte[]> post =
        http.send(
            HttpRequest.newBuilder(URI.create(server.bootstrapUri() + devIdQuery(DEV_ID)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1}))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(post.statusCode()).isEqualTo(405);
  }
}
