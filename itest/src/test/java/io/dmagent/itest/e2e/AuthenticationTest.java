package io.dmagent.itest.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.Alert;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.security.AuthScheme;
import io.dmagent.api.session.SessionOutcome;
import io.dmagent.api.session.SessionReport;
import io.dmagent.api.transport.ChannelSecurity;
import io.dmagent.api.transport.TransportRequest;
import io.dmagent.api.transport.TransportResponse;
import io.dmagent.api.transport.TransportSession;
import io.dmagent.codec.message.SyncMlCodec;
import io.dmagent.server.DeviceAuth;
import io.dmagent.server.DmServer;
import io.dmagent.server.ServerLog;
import io.dmagent.server.SessionRecord;
import io.dmagent.server.SessionState;
import io.dmagent.server.script.Script;
import io.dmagent.transport.http.HttpTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Application-level authentication between the real agent and the reference server over loopback
 * HTTP, in XML and WBXML: every scheme both ways, the challenge flows, and the attacks (wrong
 * passwords, replayed nonces and messages, tampered bodies, a server without credentials), each
 * refused with the right status and nothing changed in the tree.
 */
class AuthenticationTest {
  private static final String SERVER_ID = "ref-server";
  private static final String CLIENT = "gw-0042";
  private static final String CLIENT_SECRET = "client-secret-1234";
  private static final String SERVER_SECRET = "server-secret-5678";
  private static final String SCRIPT =
      """
      replace ./Vendor/ACME/Mode chr boost
      get ./DevInfo/Man
      """;

  @TempDir Path dir;
  private final SyncMlCodec codec = new SyncMlCodec();
  private final List<String> serverLog = new CopyOnWriteArrayList<>();
  private DmServer server;
  private Agent agent;
  private Proxy proxy;

  private void start(Encoding encoding, DeviceAuth auth) throws Exception {
    server =
        DmServer.builder(codec)
            .serverId(SERVER_ID)
            .defaultScript(Script.parse("auth", SCRIPT))
            .auth(auth)
            .log(collecting())
            .start();
    newAgent(encoding);
  }

  private void newAgent(Encoding encoding) throws Exception {
    agent =
        Agent.in(dir)
            .connectedTo(server.uri(), SERVER_ID)
            .using(encoding)
            .wrapping(
                t -> {
                  proxy = new Proxy(t);
                  return proxy;
                })
            .start();
    if (!agent.value("./Vendor/ACME/Mode").isPresent()) {
      agent
          .tree
          .operations(io.dmagent.api.tree.Principal.device())
          .addLeaf(
              io.dmagent.api.tree.NodeUri.of("./Vendor/ACME/Mode"),
              io.dmagent.api.tree.NodeValue.text("eco"));
    }
  }

  private ServerLog collecting() {
    return ServerLog.of(serverLog::add, serverLog::add);
  }

  private void credentials(AuthScheme client, AuthScheme srv, String serverSecretOnAgent)
      throws Exception {
    agent.appAuth("CLCRED", client.aauthType(), CLIENT, CLIENT_SECRET);
    agent.appAuth("SRVCRED", srv.aauthType(), SERVER_ID, serverSecretOnAgent);
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

  static Stream<Arguments> schemes() {
    List<Arguments> out = new ArrayList<>();
    for (Encoding e : Encoding.values()) {
      for (AuthScheme s : AuthScheme.values()) {
        out.add(Arguments.of(e, s));
      }
    }
    return out.stream();
  }

  private List<SyncMessage> sent(Encoding encoding) {
    return proxy.requests.stream().map(r -> decode(r.body(), encoding)).toList();
  }

  private SyncMessage decode(byte[] body, Encoding encoding) {
    try {
      return codec.decode(body, encoding, 1 << 20);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private long packageOnes(Encoding encoding) {
    return sent(encoding).stream()
        .filter(
            m ->
                m.commands().stream()
                    .anyMatch(c -> c instanceof Alert a && a.code() == Alert.CLIENT_INITIATED_MGMT))
        .count();
  }

  private static List<Integer> headerStatuses(List<SyncMessage> messages) {
    return messages.stream()
        .flatMap(m -> m.commands().stream())
        .filter(c -> c instanceof Status s && s.cmdRef().equals("0"))
        .map(c -> ((Status) c).code())
        .toList();
  }

  private List<SyncMessage> answers(Encoding encoding) {
    return proxy.answers.stream()
        .filter(a -> a.status() == 200 && a.body().length > 0)
        .map(a -> decode(a.body(), encoding))
        .toList();
  }

  private SessionRecord serverSide() {
    return server.device(Agent.DEV_ID).orElseThrow().lastSession().orElseThrow();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("schemes")
  void each_scheme_authenticates_both_ways_and_the_script_runs(Encoding encoding, AuthScheme scheme)
      throws Exception {
    start(encoding, DeviceAuth.mutual(scheme, CLIENT, CLIENT_SECRET, SERVER_SECRET));
    credentials(scheme, scheme, SERVER_SECRET);

    SessionReport first = agent.session();
    SessionReport second = agent.session();

    assertThat(first.outcome()).isEqualTo(SessionOutcome.COMPLETED);
    assertThat(second.outcome()).isEqualTo(SessionOutcome.COMPLETED);
    assertThat(agent.value("./Vendor/ACME/Mode")).contains("boost");
    assertThat(serverSide().result("./DevInfo/Man").orElseThrow().data()).isEqualTo("ACME");
    List<Integer> fromAgent = headerStatuses(sent(encoding));
    List<Integer> fromServer = headerStatuses(answers(encoding));
    int expected = scheme.isHmac() ? 200 : 212;
    assertThat(fromAgent).isNotEmpty().allMatch(c -> c == expected || c == 200);
    assertThat(fromAgent).contains(expected);
    assertThat(fromServer).isNotEmpty().allMatch(c -> c == expected || c == 200);
    assertThat(fromServer).contains(expected);
    if (scheme.isHmac()) {
      assertThat(proxy.requests).allMatch(r -> r.headers().containsKey("x-syncml-hmac"));
      assertThat(proxy.answers).allMatch(a -> a.header("x-syncml-hmac").isPresent());
    } else {
      assertThat(sent(encoding).get(0).header().cred()).isPresent();
      assertThat(answers(encoding).get(0).header().cred()).isPresent();
    }
    if (scheme.usesNonce()) {
      assertThat(agent.nonce("CLCRED")).hasSize(16);
      assertThat(agent.nonce("SRVCRED")).hasSize(16);
    }
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_stale_client_nonce_is_challenged_and_package_one_restarts_with_the_new_one(
      Encoding encoding) throws Exception {
    start(encoding, DeviceAuth.clientOnly(AuthScheme.MD5, CLIENT, CLIENT_SECRET));
    agent.appAuth("CLCRED", "DIGEST", CLIENT, CLIENT_SECRET);
    agent.nonce("CLCRED", new byte[] {1, 2, 3});

    SessionReport report = agent.session();

    assertThat(report.outcome()).isEqualTo(SessionOutcome.COMPLETED);
    assertThat(packageOnes(encoding)).isEqualTo(2);
    assertThat(headerStatuses(answers(encoding))).startsWith(401, 212);
    List<SyncMessage> sent = sent(encoding);
    assertThat(sent.get(1).header().sessionId()).isEqualTo(sent.get(0).header().sessionId());
    assertThat(proxy.requests.get(1).target().getPath()).startsWith("/dm/s/");
    assertThat(agent.value("./Vendor/ACME/Mode")).contains("boost");
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_wrong_client_password_is_refused_three_times_then_the_agent_aborts(Encoding encoding)
      throws Exception {
    start(encoding, DeviceAuth.clientOnly(AuthScheme.MD5, CLIENT, CLIENT_SECRET));
    agent.appAuth("CLCRED", "DIGEST", CLIENT, "not-the-password");

    SessionReport report = agent.session();

    assertThat(report.outcome()).isEqualTo(SessionOutcome.ABORTED_BY_CLIENT);
    assertThat(packageOnes(encoding)).isEqualTo(3);
    assertThat(headerStatuses(answers(encoding))).containsExactly(401, 401, 401);
    assertThat(agent.value("./Vendor/ACME/Mode")).contains("eco");
    assertThat(server.device(Agent.DEV_ID)).as("nothing kept of a device that failed").isEmpty();
    assertThat(agent.log)
        .filteredOn(l -> l.contains("refused our credentials"))
        .singleElement()
        .asString()
        .contains("3 times")
        .doesNotContain("not-the-password")
        .doesNotContain(CLIENT_SECRET);
    assertThat(String.join("\n", serverLog))
        .contains("device not authenticated")
        .doesNotContain("not-the-password")
        .doesNotContain(CLIENT_SECRET);
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_server_with_a_wrong_password_gets_401_and_none_of_its_commands_runs(Encoding encoding)
      throws Exception {
    start(encoding, DeviceAuth.mutual(AuthScheme.MD5, CLIENT, CLIENT_SECRET, "wrong-server-pw"));
    credentials(AuthScheme.MD5, AuthScheme.MD5, SERVER_SECRET);

    SessionReport report = agent.session();

    assertThat(report.outcome()).isEqualTo(SessionOutcome.ABORTED_BY_CLIENT);
    assertThat(agent.value("./Vendor/ACME/Mode")).contains("eco");
    assertThat(headerStatuses(sent(encoding))).contains(401).doesNotContain(212);
    assertThat(serverSide().commands()).allSatisfy(c -> assertThat(c.status()).hasValue(401));
    assertThat(serverSide().result("./DevInfo/Man")).isEmpty();
    assertThat(agent.log)
        .anyMatch(l -> l.contains("server ref-server not authenticated (wrong credentials)"))
        .noneMatch(l -> l.contains(SERVER_SECRET) || l.contains("wrong-server-pw"));
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_server_sending_no_credentials_gets_407_when_srvcred_is_required(Encoding encoding)
      throws Exception {
    start(encoding, DeviceAuth.clientOnly(AuthScheme.MD5, CLIENT, CLIENT_SECRET));
    credentials(AuthScheme.MD5, AuthScheme.MD5, SERVER_SECRET);

    SessionReport report = agent.session();

    assertThat(report.outcome()).isEqualTo(SessionOutcome.ABORTED_BY_CLIENT);
    assertThat(agent.value("./Vendor/ACME/Mode")).contains("eco");
    assertThat(headerStatuses(sent(encoding))).contains(407).doesNotContain(200, 212);
    assertThat(serverSide().commands()).allSatisfy(c -> assertThat(c.status()).hasValue(407));
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_body_tampered_on_its_way_to_the_server_fails_its_hmac(Encoding encoding) throws Exception {
    start(encoding, DeviceAuth.clientOnly(AuthScheme.HMAC_MD5, CLIENT, CLIENT_SECRET));
    agent.appAuth("CLCRED", "HMAC", CLIENT, CLIENT_SECRET);
    proxy.onRequest =
        r ->
            new TransportRequest(
                r.target(), Proxy.tamper(r.body(), "GW-100", "GW-666"), r.mediaType(), r.headers());

    SessionReport report = agent.session();

    assertThat(report.outcome()).isEqualTo(SessionOutcome.ABORTED_BY_CLIENT);
    assertThat(headerStatuses(answers(encoding))).containsExactly(401, 401, 401);
    assertThat(server.device(Agent.DEV_ID)).as("nothing kept of a device that failed").isEmpty();
    assertThat(agent.value("./Vendor/ACME/Mode")).contains("eco");
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_body_tampered_on_its_way_to_the_agent_fails_its_hmac_and_changes_nothing(Encoding encoding)
      throws Exception {
    start(encoding, DeviceAuth.mutual(AuthScheme.HMAC_MD5, CLIENT, CLIENT_SECRET, SERVER_SECRET));
    credentials(AuthScheme.HMAC_MD5, AuthScheme.HMAC_MD5, SERVER_SECRET);
    proxy.onAnswer =
        a ->
            new TransportResponse(
                a.status(),
                a.contentType().orElse(null),
                a.header("x-syncml-hmac")
                    .map(h -> java.util.Map.of("x-syncml-hmac", h))
                    .orElse(java.util.Map.of()),
                Proxy.tamper(a.body(), "boost", "evil!"));

    SessionReport report = agent.session();

    assertThat(report.outcome()).isEqualTo(SessionOutcome.ABORTED_BY_CLIENT);
    assertThat(agent.value("./Vendor/ACME/Mode")).contains("eco");
    assertThat(headerStatuses(sent(encoding))).contains(401);
    assertThat(agent.log).anyMatch(l -> l.contains("HMAC does not match the message"));
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_replayed_hmac_message_is_refused_by_the_server(Encoding encoding) throws Exception {
    start(encoding, DeviceAuth.clientOnly(AuthScheme.HMAC_MD5, CLIENT, CLIENT_SECRET));
    agent.appAuth("CLCRED", "HMAC", CLIENT, CLIENT_SECRET);
    assertThat(agent.session().outcome()).isEqualTo(SessionOutcome.COMPLETED);
    TransportRequest recorded = proxy.requests.get(0);
    int before = server.device(Agent.DEV_ID).orElseThrow().sessions().size();

    TransportResponse answer;
    HttpTransport http =
        new HttpTransport(Duration.ofSeconds(5), Duration.ofSeconds(5), 1 << 20, "replay");
    try (TransportSession s = http.open(server.uri(), ChannelSecurity.plaintext())) {
      answer =
          s.exchange(
              new TransportRequest(
                  server.uri(), recorded.body(), recorded.mediaType(), recorded.headers()));
    }

    assertThat(headerStatuses(List.of(decode(answer.body(), encoding)))).containsExactly(401);
    assertThat(server.device(Agent.DEV_ID).orElseThrow().sessions())
        .as("the replay left no session behind")
        .hasSize(before);
    assertThat(serverSide().state()).isEqualTo(SessionState.COMPLETED);
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_server_message_replayed_into_the_next_session_is_refused(Encoding encoding)
      throws Exception {
    start(encoding, DeviceAuth.mutual(AuthScheme.HMAC_MD5, CLIENT, CLIENT_SECRET, SERVER_SECRET));
    credentials(AuthScheme.HMAC_MD5, AuthScheme.HMAC_MD5, SERVER_SECRET);
    assertThat(agent.session().outcome()).isEqualTo(SessionOutcome.COMPLETED);
    // The server's last message of that session (Status only, Final), with its HMAC, recorded.
    TransportResponse recorded = proxy.answers.get(proxy.answers.size() - 1);
    SyncMessage last = decode(recorded.body(), encoding);
    assertThat(last.isFinal()).isTrue();
    assertThat(last.commands()).allMatch(Status.class::isInstance);
    String recordedSession = last.header().sessionId();
    int firstSessionRequests = proxy.requests.size();
    agent
        .tree
        .operations(io.dmagent.api.tree.Principal.device())
        .replace(
            io.dmagent.api.tree.NodeUri.of("./Vendor/ACME/Mode"),
            io.dmagent.api.tree.NodeValue.text("eco"));
    agent.outbox.queue(
        new io.dmagent.api.session.GenericAlert(
            "org.openmobilealliance.dm.firmwareupdate.download",
            io.dmagent.api.tree.NodeFormat.INT,
            io.dmagent.api.session.AlertMark.CRITICAL,
            java.util.Optional.empty(),
            "200".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            java.util.Optional.empty()),
        java.util.Optional.of(SERVER_ID));
    java.util.concurrent.atomic.AtomicBoolean replayed =
        new java.util.concurrent.atomic.AtomicBoolean();
    // The next session's first answer is swapped for the recorded one, bytes and HMAC as taken.
    proxy.onAnswer = a -> replayed.compareAndSet(false, true) ? recorded : a;

    SessionReport report = agent.session();

    List<SyncMessage> next = sent(encoding).subList(firstSessionRequests, proxy.requests.size());
    String ours = next.get(0).header().sessionId();
    assertThat(ours).isNotEqualToIgnoringCase(recordedSession);
    assertThat(report.outcome()).isEqualTo(SessionOutcome.ABORTED_BY_CLIENT);
    assertThat(report.reason().orElseThrow()).contains("'" + recordedSession + "'");
    assertThat(report.commands()).isZero();
    assertThat(agent.value("./Vendor/ACME/Mode")).contains("eco");
    assertThat(agent.outbox.size()).as("the alert it seemed to acknowledge stays").isEqualTo(1);
    assertThat(next).hasSize(2);
    assertThat(next.get(1).header().sessionId()).isEqualTo(ours);
    assertThat(next.get(1).commands())
        .singleElement()
        .isInstanceOfSatisfying(Alert.class, a -> assertThat(a.code()).isEqualTo(1223));
    assertThat(agent.log)
        .filteredOn(l -> l.contains("not of this one: refused"))
        .singleElement()
        .asString()
        .contains("'" + recordedSession + "'")
        .doesNotContain(CLIENT_SECRET)
        .doesNotContain(SERVER_SECRET);
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void nonces_survive_a_restart_of_the_agent(Encoding encoding) throws Exception {
    start(encoding, DeviceAuth.mutual(AuthScheme.MD5, CLIENT, CLIENT_SECRET, SERVER_SECRET));
    credentials(AuthScheme.MD5, AuthScheme.MD5, SERVER_SECRET);
    assertThat(agent.session().outcome()).isEqualTo(SessionOutcome.COMPLETED);
    byte[] client = agent.nonce("CLCRED");
    byte[] srv = agent.nonce("SRVCRED");
    agent.close();

    newAgent(encoding);
    SessionReport report = agent.session();

    assertThat(report.outcome()).isEqualTo(SessionOutcome.COMPLETED);
    assertThat(packageOnes(encoding)).isEqualTo(1);
    assertThat(headerStatuses(answers(encoding))).first().isEqualTo(212);
    assertThat(headerStatuses(sent(encoding))).contains(212).doesNotContain(401, 407);
    assertThat(agent.nonce("CLCRED")).hasSize(16).isNotEqualTo(client);
    assertThat(agent.nonce("SRVCRED")).hasSize(16).isNotEqualTo(srv);
  }
}
