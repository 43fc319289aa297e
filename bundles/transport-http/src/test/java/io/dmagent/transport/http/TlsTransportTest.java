package io.dmagent.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.transport.ChannelSecurity;
import io.dmagent.api.transport.ChannelSecurity.Mode;
import io.dmagent.api.transport.DmMediaType;
import io.dmagent.api.transport.PskKey;
import io.dmagent.api.transport.TransportException;
import io.dmagent.api.transport.TransportException.Kind;
import io.dmagent.api.transport.TransportRequest;
import io.dmagent.api.transport.TransportSession;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real TLS on loopback: a test CA and certificates made with BouncyCastle's PKIX classes, JSSE
 * servers restricted to TLS 1.2 or TLS 1.3, a BouncyCastle TLS-PSK server. Every failure must be
 * one clear log line, and the server must not have read a single request.
 */
class TlsTransportTest {
  private static final HttpLimits LIMITS =
      new HttpLimits(Duration.ofSeconds(5), Duration.ofSeconds(5), 64 * 1024, "t");
  private static final String PSK_IDENTITY = "gateway-0042";
  private static final byte[] PSK = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");

  @TempDir static Path dir;
  private static TestPki ca;
  private static KeyStoreFile trustStore;
  private final List<String> log = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void makeCertificates() throws Exception {
    ca = TestPki.create("DM Agent test CA");
    trustStore = ca.trustStore(dir.resolve("trust.p12"));
  }

  private HttpTransport transport(TlsSettings settings) {
    return new HttpTransport(LIMITS, settings, log::add);
  }

  private HttpTransport trustingTheCa() {
    return transport(TlsSettings.trusting(trustStore));
  }

  private static TransportRequest post(URI target) {
    return TransportRequest.of(target, "x".getBytes(StandardCharsets.UTF_8), DmMediaType.DM_XML);
  }

  private static String exchange(HttpTransport transport, URI uri, ChannelSecurity security)
      throws TransportException {
    try (TransportSession session = transport.open(uri, security)) {
      return new String(session.exchange(post(uri)).body(), StandardCharsets.UTF_8);
    }
  }

  private void assertRefused(
      HttpTransport transport, URI uri, ChannelSecurity security, String reason) {
    assertThatThrownBy(() -> exchange(transport, uri, security))
        .isInstanceOfSatisfying(
            TransportException.class, e -> assertThat(e.kind()).isEqualTo(Kind.SECURITY))
        .hasMessageContaining(reason);
    assertThat(log).filteredOn(line -> line.contains(reason)).hasSize(1);
  }

  private static ChannelSecurity demand(Mode mode) {
    return new ChannelSecurity(mode, Optional.empty(), Optional.empty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
  void a_certificate_of_the_trusted_ca_for_the_host_carries_the_exchange(String version)
      throws Exception {
    try (TlsTestServer server = TlsTestServer.jsse(ca.server(), null, version)) {
      assertThat(exchange(trustingTheCa(), server.uri("localhost"), ChannelSecurity.tls()))
          .isEqualTo("secure");
      assertThat(exchange(trustingTheCa(), server.uri("127.0.0.1"), ChannelSecurity.tls()))
          .isEqualTo("secure");
      assertThat(server.requests()).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
  void a_certificate_for_another_host_fails_the_handshake(String version) throws Exception {
    TestPki.Issued other =
        ca.server(
            new GeneralName[] {TestPki.dns("dm.example.com")},
            Instant.now().minus(Duration.ofHours(1)),
            Instant.now().plus(Duration.ofDays(1)));
    try (TlsTestServer server = TlsTestServer.jsse(other, null, version)) {
      assertRefused(
          trustingTheCa(),
          server.uri("localhost"),
          ChannelSecurity.tls(),
          "the server's certificate is for another host");
      assertThat(server.requests()).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
  void an_expired_certificate_fails_the_handshake(String version) throws Exception {
    TestPki.Issued expired =
        ca.server(
            new GeneralName[] {TestPki.dns("localhost")},
            Instant.now().minus(Duration.ofDays(3)),
            Instant.now().minus(Duration.ofDays(1)));
    try (TlsTestServer server = TlsTestServer.jsse(expired, null, version)) {
      assertRefused(
          trustingTheCa(),
          server.uri("localhost"),
          ChannelSecurity.tls(),
          "the server's certificate has expired");
      assertThat(server.requests()).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
  void a_certificate_from_outside_the_trust_store_fails_the_handshake(String version)
      throws Exception {
    try (TlsTestServer server = TlsTestServer.jsse(TestPki.selfSigned(), null, version)) {
      assertRefused(
          trustingTheCa(),
          server.uri("localhost"),
          ChannelSecurity.tls(),
          "the server's certificate is not trusted");
      assertThat(server.requests()).isZero();
    }
  }

  @Test
  void without_a_trust_store_the_jdk_ca_certificates_do_not_trust_a_private_ca() throws Exception {
    try (TlsTestServer server = TlsTestServer.jsse(ca.server(), null, "TLSv1.3")) {
      assertRefused(
          transport(TlsSettings.jdkDefaults()),
          server.uri("localhost"),
          ChannelSecurity.tls(),
          "the server's certificate is not trusted");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
  void a_server_requiring_a_client_certificate_refuses_a_client_without_one(String version)
      throws Exception {
    try (TlsTestServer server = TlsTestServer.jsse(ca.server(), ca.trustStore(), version)) {
      assertRefused(
          trustingTheCa(),
          server.uri("localhost"),
          ChannelSecurity.tls(),
          "the server refused the client certificate");
      assertThat(server.requests()).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
  void mutual_tls_presents_the_client_certificate_of_the_key_store(String version)
      throws Exception {
    KeyStoreFile clientKeys = ca.client("gateway-0042").write(dir.resolve("client.p12"));
    HttpTransport transport = transport(TlsSettings.trusting(trustStore).withKeyStore(clientKeys));
    try (TlsTestServer server = TlsTestServer.jsse(ca.server(), ca.trustStore(), version)) {
      assertThat(exchange(transport, server.uri("localhost"), demand(Mode.MUTUAL_TLS)))
          .isEqualTo("secure");
    }
  }

  @Test
  void a_mutual_tls_demand_without_a_key_store_is_refused_before_connecting() throws Exception {
    try (TlsTestServer server = TlsTestServer.jsse(ca.server(), ca.trustStore(), "TLSv1.3")) {
      assertThatThrownBy(
              () -> trustingTheCa().open(server.uri("localhost"), demand(Mode.MUTUAL_TLS)))
          .isInstanceOfSatisfying(
              TransportException.class, e -> assertThat(e.kind()).isEqualTo(Kind.SECURITY))
          .hasMessageContaining("no key store is configured");
      assertThat(log).hasSize(1);
    }
  }

  @Test
  void a_trust_store_not_there_yet_is_retried_and_used_once_it_is_there() throws Exception {
    Path later = dir.resolve("made-later.p12");
    HttpTransport transport =
        transport(TlsSettings.trusting(new KeyStoreFile(later, "PKCS12", trustStore.password())));
    try (TlsTestServer server = TlsTestServer.jsse(ca.server(), null, "TLSv1.3")) {
      assertThatThrownBy(() -> exchange(transport, server.uri("localhost"), ChannelSecurity.tls()))
          .isInstanceOfSatisfying(
              TransportException.class, e -> assertThat(e.isRetryable()).isTrue())
          .hasMessageContaining("made-later.p12");
      assertThat(log).singleElement().asString().contains("not there yet");

      Files.copy(trustStore.path(), later);

      assertThat(exchange(transport, server.uri("localhost"), ChannelSecurity.tls()))
          .isEqualTo("secure");
    }
  }

  @Test
  void a_trust_store_that_does_not_parse_is_refused_without_retrying() throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.p12"), "not a key store");
    HttpTransport transport =
        transport(TlsSettings.trusting(new KeyStoreFile(broken, "PKCS12", trustStore.password())));
    try (TlsTestServer server = TlsTestServer.jsse(ca.server(), null, "TLSv1.3")) {
      assertRefused(
          transport, server.uri("localhost"), ChannelSecurity.tls(), "cannot read PKCS12 store");
    }
  }

  @Test
  void a_second_session_with_the_same_server_resumes_tls_1_3() throws Exception {
    HttpTransport transport = trustingTheCa();
    try (TlsTestServer server = TlsTestServer.jsse(ca.server(), null, "TLSv1.3")) {
      URI uri = server.uri("localhost");
      exchange(transport, uri, ChannelSecurity.tls());
      int afterFirst = server.fullHandshakes();
      exchange(transport, uri, ChannelSecurity.tls());
      exchange(transport, uri, ChannelSecurity.tls());

      assertThat(afterFirst).isPositive();
      assertThat(server.fullHandshakes()).isEqualTo(afterFirst);
      assertThat(server.requests()).isEqualTo(3);
    }
  }

  @Test
  void tls_psk_with_the_shared_key_carries_the_exchange() throws Exception {
    HttpTransport transport =
        transport(TlsSettings.jdkDefaults().withPreSharedKey(new PreSharedKey(PSK_IDENTITY, PSK)));
    try (TlsTestServer server = TlsTestServer.psk(PSK_IDENTITY, PSK)) {
      ChannelSecurity psk =
          new ChannelSecurity(Mode.TLS_PSK, Optional.empty(), Optional.of(PSK_IDENTITY));
      assertThat(exchange(transport, server.uri("localhost"), psk)).isEqualTo("secure");
      assertThat(exchange(transport, server.uri("localhost"), psk)).isEqualTo("secure");
    }
  }

  @Test
  void tls_psk_with_a_wrong_key_fails_the_handshake() throws Exception {
    byte[] wrong = PSK.clone();
    wrong[0] ^= 1;
    HttpTransport transport =
        transport(
            TlsSettings.jdkDefaults().withPreSharedKey(new PreSharedKey(PSK_IDENTITY, wrong)));
    try (TlsTestServer server = TlsTestServer.psk(PSK_IDENTITY, PSK)) {
      assertRefused(
          transport,
          server.uri("localhost"),
          demand(Mode.TLS_PSK),
          "TLS-PSK handshake with localhost:"
              + server.uri("localhost").getPort()
              + " as identity "
              + PSK_IDENTITY
              + " failed");
      assertThat(server.requests()).isZero();
      assertThat(log.get(0)).doesNotContain(HexFormat.of().formatHex(wrong));
    }
  }

  @Test
  void a_tls_psk_demand_carrying_its_own_key_needs_no_configured_key() throws Exception {
    try (TlsTestServer server = TlsTestServer.psk(PSK_IDENTITY, PSK)) {
      ChannelSecurity own = ChannelSecurity.tlsPsk(PSK_IDENTITY, PskKey.of(PSK));
      assertThat(exchange(trustingTheCa(), server.uri("localhost"), own)).isEqualTo("secure");
      assertThat(server.requests()).isEqualTo(1);
    }
  }

  @Test
  void a_wrong_key_of_the_demand_fails_the_handshake_and_the_configured_key_is_not_tried()
      throws Exception {
    byte[] wrong = PSK.clone();
    wrong[3] ^= 0x10;
    HttpTransport transport =
        transport(TlsSettings.jdkDefaults().withPreSharedKey(new PreSharedKey(PSK_IDENTITY, PSK)));
    try (TlsTestServer server = TlsTestServer.psk(PSK_IDENTITY, PSK)) {
      assertRefused(
          transport,
          server.uri("localhost"),
          ChannelSecurity.tlsPsk(PSK_IDENTITY, PskKey.of(wrong)),
          "as identity " + PSK_IDENTITY + " failed");
      assertThat(server.requests()).isZero();
      assertThat(log)
          .singleElement()
          .asString()
          .doesNotContain(HexFormat.of().formatHex(wrong), HexFormat.of().formatHex(PSK));
    }
  }

  @Test
  void a_kept_connection_never_carries_a_session_that_demands_another_key() throws Exception {
    byte[] other = PSK.clone();
    other[7] ^= 0x40;
    HttpTransport transport = trustingTheCa();
    try (TlsTestServer server = TlsTestServer.psk(PSK_IDENTITY, PSK)) {
      URI uri = server.uri("localhost");
      assertThat(exchange(transport, uri, ChannelSecurity.tlsPsk(PSK_IDENTITY, PskKey.of(PSK))))
          .isEqualTo("secure");

      // The DMAcc's key changed: the connection kept from the last session was made with the
      // old one, so the new key gets a handshake of its own, which fails.
      assertRefused(
          transport,
          uri,
          ChannelSecurity.tlsPsk(PSK_IDENTITY, PskKey.of(other)),
          "as identity " + PSK_IDENTITY + " failed");
      assertThat(server.requests()).isEqualTo(1);
    }
  }

  @Test
  void a_tls_psk_demand_without_a_configured_key_is_refused() throws Exception {
    try (TlsTestServer server = TlsTestServer.psk(PSK_IDENTITY, PSK)) {
      assertThatThrownBy(() -> trustingTheCa().open(server.uri("localhost"), demand(Mode.TLS_PSK)))
          .isInstanceOfSatisfying(
              TransportException.class, e -> assertThat(e.kind()).isEqualTo(Kind.SECURITY))
          .hasMessageContaining("no pre-shared key is configured");
    }
  }

  @Test
  void a_tls_psk_demand_for_another_identity_is_refused() {
    HttpTransport transport =
        transport(TlsSettings.jdkDefaults().withPreSharedKey(new PreSharedKey(PSK_IDENTITY, PSK)));
    ChannelSecurity other =
        new ChannelSecurity(Mode.TLS_PSK, Optional.empty(), Optional.of("gw-7"));
    assertThatThrownBy(() -> transport.open(URI.create("https://localhost:1/dm"), other))
        .hasMessageContaining("no pre-shared key for identity gw-7");
  }

  @ParameterizedTest
  @EnumSource(
      value = Mode.class,
      names = {"TLS", "MUTUAL_TLS", "TLS_PSK"})
  void a_secure_demand_on_an_http_address_is_refused_without_connecting(Mode mode)
      throws Exception {
    try (RawHttpServer plain = new RawHttpServer((i, head, body) -> null)) {
      assertThatThrownBy(() -> trustingTheCa().open(plain.uri("/dm"), demand(mode)))
          .isInstanceOfSatisfying(
              TransportException.class, e -> assertThat(e.kind()).isEqualTo(Kind.SECURITY))
          .hasMessageContaining("never sent in plaintext");
      assertThat(plain.connections()).isZero();
      assertThat(log).singleElement().asString().contains("demands " + mode);
    }
  }

  @Test
  void plain_http_is_logged_as_a_warning_once_per_server() throws Exception {
    try (RawHttpServer plain =
        new RawHttpServer(
            (i, head, body) -> RawHttpServer.response("200 OK", "Content-Length: 2\r\n", "ok"))) {
      HttpTransport transport = trustingTheCa();
      assertThat(exchange(transport, plain.uri("/dm"), ChannelSecurity.plaintext()))
          .isEqualTo("ok");
      assertThat(exchange(transport, plain.uri("/dm"), ChannelSecurity.plaintext()))
          .isEqualTo("ok");
      assertThat(log).singleElement().asString().contains("plain HTTP to", "unencrypted");
    }
  }

  @Test
  void a_wrong_trust_store_password_is_reported_without_the_password() throws Exception {
    KeyStoreFile wrong =
        new KeyStoreFile(trustStore.path(), "PKCS12", Secret.of("not-the-password-xyz"));
    try (TlsTestServer server = TlsTestServer.jsse(ca.server(), null, "TLSv1.3")) {
      assertThatThrownBy(
              () ->
                  transport(TlsSettings.trusting(wrong))
                      .open(server.uri("localhost"), ChannelSecurity.tls()))
          .isInstanceOf(TransportException.class)
          .hasMessageContaining("trust.p12")
          .message()
          .doesNotContain("not-the-password-xyz");
      assertThat(log).singleElement().asString().doesNotContain("not-the-password-xyz");
    }
  }

  @Test
  void secrets_never_appear_in_to_string() {
    PreSharedKey psk = new PreSharedKey(PSK_IDENTITY, PSK);
    TlsSettings settings =
        TlsSettings.trusting(new KeyStoreFile(Path.of("t.p12"), "PKCS12", Secret.of("pw-123456")))
            .withPreSharedKey(psk);
    assertThat(settings.toString())
        .contains(PSK_IDENTITY, "t.p12")
        .doesNotContain("pw-123456", HexFormat.of().formatHex(PSK));
  }
}
