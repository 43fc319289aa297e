package io.dmagent.itest.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.account.AccountSpec;
import io.dmagent.api.description.Encoding;
import io.dmagent.api.session.SessionOutcome;
import io.dmagent.api.session.SessionReport;
import io.dmagent.codec.message.SyncMlCodec;
import io.dmagent.server.DmServer;
import io.dmagent.server.ServerLog;
import io.dmagent.server.SessionRecord;
import io.dmagent.server.script.Script;
import io.dmagent.server.tls.DemoCertificates;
import io.dmagent.server.tls.ServerTls;
import io.dmagent.transport.http.KeyStoreFile;
import io.dmagent.transport.http.Secret;
import io.dmagent.transport.http.TlsSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Mutual TLS end to end: the reference server requires client certificates issued by the gateways'
 * CA; the agent's account has client credentials of AAuthType X509 (its DMAcc, as the account
 * configuration writes it) and its binding a key store. The session runs when the certificate is
 * one the server trusts; without one, or with one from another CA, the handshake fails with one
 * WARN line on each side and nothing of the DM message reaches the server.
 */
class AgentServerMutualTlsTest {
  private static final String SERVER_ID = "ref-server";
  private static final String PASSWORD = "demo-store-pw";
  private static final String SCRIPT =
      """
      get ./DevInfo/DevId
      add ./Vendor/ACME/Mode chr mutual
      get ./Vendor/ACME/Mode
      """;

  @TempDir static Path pki;
  @TempDir Path dir;
  private static Path caStore;
  private static Path serverStore;
  private static ClientCertificates gatewayCa;
  private static Path trustedClient;
  private static Path strangerClient;
  private static Path impostorClient;
  private final List<String> agentLog = new CopyOnWriteArrayList<>();
  private final List<String> serverLog = new CopyOnWriteArrayList<>();
  private DmServer server;
  private Agent agent;

  @BeforeAll
  static void certificates() throws Exception {
    serverStore = pki.resolve("tls/server.p12");
    caStore = pki.resolve("tls/demo-ca.p12");
    DemoCertificates.ensure(serverStore, caStore, PASSWORD.toCharArray());
    gatewayCa = ClientCertificates.authority("Gateway CA");
    trustedClient = gatewayCa.keyStore("gw-0042", pki.resolve("gw-0042.p12"));
    strangerClient =
        ClientCertificates.authority("Some other CA").keyStore("gw-0042", pki.resolve("other.p12"));
    // A CA of the same name but another key: its certificate is offered, and fails validation.
    impostorClient =
        ClientCertificates.authority("Gateway CA").keyStore("gw-0042", pki.resolve("impostor.p12"));
  }

  private void startRequiringClientCertificates() throws Exception {
    server =
        DmServer.builder(new SyncMlCodec())
            .serverId(SERVER_ID)
            .defaultScript(Script.parse("e2e", SCRIPT))
            .log(ServerLog.of(message -> {}, serverLog::add))
            .channels(
                ServerTls.mutualHttps(
                    ServerTls.load(serverStore, "PKCS12", PASSWORD.toCharArray()),
                    PASSWORD.toCharArray(),
                    gatewayCa.trustStore()))
            .start();
  }

  /** The agent trusting the demo CA, with this client key store (none: null). */
  private void agent(Encoding encoding, Path clientKeyStore) throws Exception {
    TlsSettings tls =
        TlsSettings.trusting(new KeyStoreFile(caStore, "PKCS12", Secret.of(PASSWORD)));
    if (clientKeyStore != null) {
      tls =
          tls.withKeyStore(
              new KeyStoreFile(clientKeyStore, "PKCS12", Secret.of(ClientCertificates.PASSWORD)));
    }
    agent =
        Agent.in(dir)
            .connectedTo(server.uri(), SERVER_ID)
            .using(encoding)
            .over(tls, agentLog::add)
            .start();
  }

  /** The account as the configuration file writes it, with client credentials of this type. */
  private void provision(Optional<String> authType) throws Exception {
    agent.provision(
        new AccountSpec(SERVER_ID, SERVER_ID, "", server.uri(), authType, "gw-0042", ""));
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
  void an_account_with_x509_credentials_completes_a_session_over_mutual_tls(Encoding encoding)
      throws Exception {
    startRequiringClientCertificates();
    agent(encoding, trustedClient);
    provision(Optional.of("X509"));

    SessionReport report = agent.session();

    assertThat(report.outcome()).isEqualTo(SessionOutcome.COMPLETED);
    SessionRecord s = server.device(Agent.DEV_ID).orElseThrow().lastSession().orElseThrow();
    assertThat(s.result("./DevInfo/DevId").orElseThrow().data()).isEqualTo(Agent.DEV_ID);
    assertThat(s.result("./Vendor/ACME/Mode").orElseThrow().data()).isEqualTo("mutual");
    assertThat(agent.value("./Vendor/ACME/Mode")).hasValue("mutual");
    assertThat(agentLog).isEmpty();
    assertThat(serverLog).isEmpty();
  }

  @Test
  void an_agent_without_a_client_certificate_is_refused_on_both_sides() throws Exception {
    startRequiringClientCertificates();
    agent(Encoding.WBXML, null);
    provision(Optional.empty());

    SessionReport report = agent.session();

    assertRefusedOnBothSides(
        report, "the server refused the client certificate", "offered no client certificate");
  }

  @Test
  void a_client_certificate_the_server_does_not_trust_fails_the_handshake_on_both_sides()
      throws Exception {
    startRequiringClientCertificates();
    agent(Encoding.XML, impostorClient);
    provision(Optional.of("X509"));

    SessionReport report = agent.session();

    assertRefusedOnBothSides(
        report,
        "the server refused the client certificate",
        "the device's client certificate is not trusted");
  }

  @Test
  void a_client_certificate_of_an_issuer_the_server_does_not_name_is_not_offered()
      throws Exception {
    startRequiringClientCertificates();
    agent(Encoding.XML, strangerClient);
    provision(Optional.of("X509"));

    SessionReport report = agent.session();

    assertRefusedOnBothSides(
        report, "the server refused the client certificate", "offered no client certificate");
  }

  @Test
  void an_x509_account_without_a_key_store_is_refused_before_connecting() throws Exception {
    startRequiringClientCertificates();
    agent(Encoding.XML, null);
    provision(Optional.of("X509"));

    SessionReport report = agent.session();

    assertThat(report.outcome()).isEqualTo(SessionOutcome.FAILED);
    assertThat(agentLog).singleElement().asString().contains("no key store is configured");
    assertThat(serverLog).isEmpty();
    assertThat(server.device(Agent.DEV_ID)).isEmpty();
  }

  private void assertRefusedOnBothSides(SessionReport report, String agentSays, String serverSays)
      throws Exception {
    assertThat(report.outcome()).isEqualTo(SessionOutcome.FAILED);
    assertThat(agentLog).singleElement().asString().contains(agentSays);
    // The server logs from its connection's thread, which may finish after the agent gave up.
    for (int i = 0; i < 100 && serverLog.isEmpty(); i++) {
      Thread.sleep(50);
    }
    assertThat(serverLog)
        .singleElement()
        .asString()
        .contains("TLS handshake with 127.0.0.1 failed", serverSays);
    assertThat(server.device(Agent.DEV_ID)).as("no DM message was read").isEmpty();
    assertThat(agent.value("./Vendor/ACME/Mode")).isEmpty();
  }
}
