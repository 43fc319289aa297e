package io.dmagent.itest.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.account.AccountSpec;
import io.dmagent.api.description.Encoding;
import io.dmagent.api.session.SessionOutcome;
import io.dmagent.api.session.SessionReport;
import io.dmagent.api.transport.ChannelSecurity;
import io.dmagent.api.transport.ChannelSecurity.Mode;
import io.dmagent.codec.message.SyncMlCodec;
import io.dmagent.server.DmServer;
import io.dmagent.server.ServerLog;
import io.dmagent.server.SessionRecord;
import io.dmagent.server.http.ServerChannels;
import io.dmagent.server.script.Script;
import io.dmagent.server.tls.DemoCertificates;
import io.dmagent.server.tls.ServerTls;
import io.dmagent.transport.http.KeyStoreFile;
import io.dmagent.transport.http.PreSharedKey;
import io.dmagent.transport.http.Secret;
import io.dmagent.transport.http.TlsSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The real agent against the reference server over HTTPS (certificates made the way the demo makes
 * them at first start) and over TLS-PSK, in XML and WBXML; TLS-PSK chosen by the account's DMAcc
 * (AppAuth of AAuthLevel TLS, AAuthType PSK) with the key from there or from the binding's
 * configuration; and the refusals: a server certificate the agent does not trust, a wrong
 * pre-shared key, a PSK account on an http address.
 */
class AgentServerTlsTest {
  private static final String SERVER_ID = "ref-server";
  private static final String PASSWORD = "demo-store-pw";
  private static final String PSK_IDENTITY = "gw-0042";
  private static final String PSK_HEX = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
  private static final byte[] PSK = HexFormat.of().parseHex(PSK_HEX);
  private static final String PSK_ENTRY = "./DMAcc/" + SERVER_ID + "/AppAuth/TLS";

  /** A server trying to read the key back: the leaf, and the entry as a TNDS with values. */
  private static final String READ_THE_PSK_ENTRY =
      "get "
          + PSK_ENTRY
          + "/AAuthName\n"
          + "get "
          + PSK_ENTRY
          + "/AAuthSecret\n"
          + "get "
          + PSK_ENTRY
          + "?list=TNDS+Value\n";

  private static final String SCRIPT =
      """
      get ./DevInfo/DevId
      get ./DevDetail/DevTyp
      add ./Vendor/ACME/Mode chr secure
      get ./Vendor/ACME/Mode
      """;

  @TempDir static Path pki;
  @TempDir Path dir;
  private static Path serverStore;
  private static Path caStore;
  private final List<String> agentLog = new CopyOnWriteArrayList<>();
  private final List<String> serverLog = new CopyOnWriteArrayList<>();
  private DmServer server;
  private Agent agent;

  @BeforeAll
  static void demoCertificates() throws Exception {
    serverStore = pki.resolve("tls/server.p12");
    caStore = pki.resolve("tls/demo-ca.p12");
    assertThat(DemoCertificates.ensure(serverStore, caStore, PASSWORD.toCharArray())).isTrue();
  }

  enum Channel {
    HTTPS,
    TLS_PSK
  }

  private DmServer start(Channel channel, byte[] serverPsk) throws Exception {
    return start(channel, serverPsk, SCRIPT);
  }

  private DmServer start(Channel channel, byte[] serverPsk, String script) throws Exception {
    DmServer.Builder b =
        DmServer.builder(new SyncMlCodec())
            .serverId(SERVER_ID)
            .defaultScript(Script.parse("e2e", script))
            .log(ServerLog.of(message -> {}, serverLog::add));
    b.channels(
        channel == Channel.HTTPS
            ? ServerTls.https(
                ServerTls.load(serverStore, "PKCS12", PASSWORD.toCharArray()),
                PASSWORD.toCharArray())
            : ServerTls.psk(Map.of(PSK_IDENTITY, serverPsk)));
    server = b.start();
    return server;
  }

  private Agent agent(Channel channel, Encoding encoding, TlsSettings tls) throws Exception {
    Optional<ChannelSecurity> demand =
        channel == Channel.TLS_PSK
            ? Optional.of(
                new ChannelSecurity(Mode.TLS_PSK, Optional.empty(), Optional.of(PSK_IDENTITY)))
            : Optional.empty();
    Agent.Builder b =
        Agent.in(dir).connectedTo(server.uri(), SERVER_ID).using(encoding).over(tls, agentLog::add);
    demand.ifPresent(b::demanding);
    agent = b.start();
    return agent;
  }

  /** An agent whose channel is decided by its DMAcc alone: no demand set from outside. */
  private Agent agent(Encoding encoding, TlsSettings tls) throws Exception {
    agent =
        Agent.in(dir)
            .connectedTo(server.uri(), SERVER_ID)
            .using(encoding)
            .over(tls, agentLog::add)
            .start();
    return agent;
  }

  /** The account as its configuration file writes it: the server's address and a PSK. */
  private AccountSpec account(URI address, String pskIdentity, String hexKey) {
    return new AccountSpec(SERVER_ID, SERVER_ID, "", address, Optional.empty(), "", "")
        .withPsk(pskIdentity, hexKey);
  }

  private static TlsSettings trustingTheDemoCa() {
    return TlsSettings.trusting(new KeyStoreFile(caStore, "PKCS12", Secret.of(PASSWORD)));
  }

  @AfterEach
  void stop() throws Exception {
    if (agent != null) {
      agent.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_session_over_https_completes(Encoding encoding) throws Exception {
    start(Channel.HTTPS, PSK);
    assertThat(server.uri().getScheme()).isEqualTo("https");
    agent(Channel.HTTPS, encoding, trustingTheDemoCa());

    assertCompleted(agent.session());
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_session_over_tls_psk_completes(Encoding encoding) throws Exception {
    start(Channel.TLS_PSK, PSK);
    agent(
        Channel.TLS_PSK,
        encoding,
        TlsSettings.jdkDefaults().withPreSharedKey(new PreSharedKey(PSK_IDENTITY, PSK)));

    assertCompleted(agent.session());
  }

  private void assertCompleted(SessionReport report) throws Exception {
    assertThat(report.outcome()).isEqualTo(SessionOutcome.COMPLETED);
    // The session continued at a RespURI on the same secure channel, never on plain http.
    assertThat(agentLog).noneMatch(l -> l.contains("plain HTTP"));
    SessionRecord s = server.device(Agent.DEV_ID).orElseThrow().lastSession().orElseThrow();
    assertThat(s.result("./DevInfo/DevId").orElseThrow().data()).isEqualTo(Agent.DEV_ID);
    assertThat(s.result("./Vendor/ACME/Mode").orElseThrow().data()).isEqualTo("secure");
    assertThat(agent.value("./Vendor/ACME/Mode")).hasValue("secure");
    assertThat(serverLog).isEmpty();
  }

  @Test
  void an_agent_that_does_not_trust_the_server_certificate_sends_nothing() throws Exception {
    start(Channel.HTTPS, PSK);
    agent(Channel.HTTPS, Encoding.WBXML, TlsSettings.jdkDefaults());

    SessionReport report = agent.session();

    assertThat(report.outcome()).isEqualTo(SessionOutcome.FAILED);
    assertThat(report.reason()).hasValueSatisfying(r -> assertThat(r).contains("not trusted"));
    assertThat(agentLog).filteredOn(l -> l.contains("not trusted")).hasSize(1);
    assertThat(server.device(Agent.DEV_ID)).isEmpty();
    assertThat(agent.value("./Vendor/ACME/Mode")).isEmpty();
  }

  @Test
  void a_wrong_pre_shared_key_fails_the_handshake_on_both_sides() throws Exception {
    byte[] serverKey = PSK.clone();
    serverKey[15] ^= 0x55;
    start(Channel.TLS_PSK, serverKey);
    agent(
        Channel.TLS_PSK,
        Encoding.XML,
        TlsSettings.jdkDefaults().withPreSharedKey(new PreSharedKey(PSK_IDENTITY, PSK)));

    SessionReport report = agent.session();

    assertThat(report.outcome()).isEqualTo(SessionOutcome.FAILED);
    assertThat(agentLog)
        .filteredOn(l -> l.startsWith("TLS-PSK handshake with") && l.contains(PSK_IDENTITY))
        .hasSize(1);
    awaitServerLog();
    assertThat(serverLog)
        .singleElement()
        .asString()
        .contains("TLS handshake with 127.0.0.1 failed", "pre-shared key does not match")
        .doesNotContain(HexFormat.of().formatHex(PSK), HexFormat.of().formatHex(serverKey));
    assertThat(server.device(Agent.DEV_ID)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_psk_in_the_accounts_dmacc_secures_the_session_and_no_server_can_read_it(Encoding encoding)
      throws Exception {
    start(Channel.TLS_PSK, PSK, SCRIPT + READ_THE_PSK_ENTRY);
    agent(encoding, TlsSettings.jdkDefaults());
    agent.provision(account(server.uri(), PSK_IDENTITY, PSK_HEX));

    assertCompleted(agent.session());
    SessionRecord s = server.device(Agent.DEV_ID).orElseThrow().lastSession().orElseThrow();
    assertThat(s.command("Get", PSK_ENTRY + "/AAuthSecret").orElseThrow().status()).hasValue(405);
    assertThat(s.result(PSK_ENTRY + "/AAuthSecret")).isEmpty();
    assertThat(s.result(PSK_ENTRY + "/AAuthName").orElseThrow().data()).isEqualTo(PSK_IDENTITY);
    assertThat(s.command("Get", PSK_ENTRY + "?list=TNDS+Value").orElseThrow().results())
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.data()).doesNotContainIgnoringCase(PSK_HEX));
    assertThat(agentLog).noneMatch(l -> l.toLowerCase(Locale.ROOT).contains(PSK_HEX));
    assertThat(agent.log).noneMatch(l -> l.toLowerCase(Locale.ROOT).contains(PSK_HEX));
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_psk_entry_without_a_key_uses_the_key_configured_for_its_identity(Encoding encoding)
      throws Exception {
    start(Channel.TLS_PSK, PSK);
    agent(
        encoding, TlsSettings.jdkDefaults().withPreSharedKey(new PreSharedKey(PSK_IDENTITY, PSK)));
    agent.provision(account(server.uri(), PSK_IDENTITY, ""));

    assertCompleted(agent.session());
  }

  @Test
  void a_wrong_psk_in_the_dmacc_fails_the_handshake_on_both_sides_and_changes_nothing()
      throws Exception {
    byte[] wrong = PSK.clone();
    wrong[0] ^= 0x21;
    start(Channel.TLS_PSK, PSK);
    // The binding holds the right key for the identity: it must not be tried instead.
    agent(
        Encoding.WBXML,
        TlsSettings.jdkDefaults().withPreSharedKey(new PreSharedKey(PSK_IDENTITY, PSK)));
    agent.provision(account(server.uri(), PSK_IDENTITY, HexFormat.of().formatHex(wrong)));

    SessionReport report = agent.session();

    assertThat(report.outcome()).isEqualTo(SessionOutcome.FAILED);
    assertThat(agentLog)
        .filteredOn(l -> l.startsWith("TLS-PSK handshake with") && l.contains(PSK_IDENTITY))
        .singleElement()
        .asString()
        .doesNotContain(PSK_HEX, HexFormat.of().formatHex(wrong));
    awaitServerLog();
    assertThat(serverLog)
        .singleElement()
        .asString()
        .contains("TLS handshake with 127.0.0.1 failed", "pre-shared key does not match")
        .doesNotContain(PSK_HEX, HexFormat.of().formatHex(wrong));
    assertThat(server.device(Agent.DEV_ID)).isEmpty();
    assertThat(agent.value("./Vendor/ACME/Mode")).isEmpty();
  }

  @Test
  void a_psk_account_on_an_http_address_is_refused_without_connecting() throws Exception {
    server =
        DmServer.builder(new SyncMlCodec())
            .serverId(SERVER_ID)
            .defaultScript(Script.parse("e2e", SCRIPT))
            .channels(ServerChannels.plain())
            .start();
    agent(Encoding.XML, TlsSettings.jdkDefaults());
    agent.provision(account(server.uri(), PSK_IDENTITY, PSK_HEX));

    SessionReport report = agent.session();

    assertThat(server.uri().getScheme()).isEqualTo("http");
    assertThat(report.outcome()).isEqualTo(SessionOutcome.FAILED);
    assertThat(report.reason()).hasValueSatisfying(r -> assertThat(r).contains("never sent"));
    assertThat(agentLog).singleElement().asString().contains("demands TLS_PSK");
    assertThat(server.device(Agent.DEV_ID)).isEmpty();
  }

  /** The server logs from its connection's thread, which may finish after the agent gave up. */
  private void awaitServerLog() throws InterruptedException {
    for (int i = 0; i < 100 && serverLog.isEmpty(); i++) {
      Thread.sleep(50);
    }
  }

  @Test
  void the_demo_key_store_is_owner_only_and_made_once() throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(serverStore)))
        .isEqualTo("rw-------");
    assertThat(DemoCertificates.ensure(serverStore, caStore, PASSWORD.toCharArray())).isFalse();
  }
}
