package io.dmagent.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.account.Account;
import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.Alert;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.MessageFormatException;
import io.dmagent.api.message.Results;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.session.SessionOutcome;
import io.dmagent.api.session.SessionReport;
import io.dmagent.api.session.SessionRequest;
import io.dmagent.api.transport.DmMediaType;
import io.dmagent.api.transport.TransportException;
import io.dmagent.api.transport.TransportRequest;
import io.dmagent.api.transport.TransportResponse;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.codec.description.DdfTndsCodec;
import io.dmagent.codec.message.SyncMlCodec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Whole sessions through the engine with bytes: the real codec in both encodings, a transport that
 * replays a server, and inputs no server should send. Whatever comes, the engine ends with a report
 * and no exception.
 */
class WireSessionTest {
  static final URI ADDRESS = URI.create("replay://dm.example/manage");
  final SyncMlCodec codec = new SyncMlCodec();
  final ExecutorService exchanges = Executors.newCachedThreadPool();

  @TempDir Path dir;
  Fixture f;

  @BeforeEach
  void prepare() throws Exception {
    f = new Fixture(dir);
  }

  @AfterEach
  void stop() {
    exchanges.shutdownNow();
  }

  private SessionReport run(Encoding encoding, ReplayTransport transport) {
    return engine(encoding, transport, SessionSettings.defaults()).run(account(), request());
  }

  private SessionEngine engine(Encoding encoding, ReplayTransport t, SessionSettings settings) {
    return SessionEngine.builder()
        .tree(f.tree)
        .descriptionCodec(new DdfTndsCodec())
        .messageCodec(codec)
        .transport(t)
        .outbox(f.outbox)
        .accounts(f.accounts)
        .settings(settings.withEncoding(encoding))
        .exchangeExecutor(exchanges)
        .log(f.log::add)
        .build();
  }

  static Account account() {
    return Account.of(Fixture.SERVER, ADDRESS);
  }

  static SessionRequest request() {
    return SessionRequest.clientInitiated(Fixture.SERVER);
  }

  static String type(Encoding e) {
    return (e == Encoding.WBXML ? DmMediaType.DM_WBXML : DmMediaType.DM_XML).mimeType();
  }

  SyncMessage decode(TransportRequest r) throws MessageFormatException {
    return codec.decode(r.body(), r.mediaType().isWbxml() ? Encoding.WBXML : Encoding.XML, 1 << 20);
  }

  /** A server that answers each client message with what {@code script} builds from it. */
  @SafeVarargs
  final ReplayTransport server(Encoding encoding, Function<SyncMessage, SyncMessage>... script) {
    return new ReplayTransport(
        (request, i) -> {
          try {
            SyncMessage client = decode(request);
            return ReplayTransport.ok(
                type(encoding), codec.encode(script[i].apply(client), encoding));
          } catch (MessageFormatException e) {
            throw new AssertionError(e);
          }
        });
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_session_runs_to_its_end_and_reports_commands_and_packages(Encoding e) {
    Fixture.Server s = Fixture.Server.echoing();
    ReplayTransport t =
        server(
            e,
            pkg1 ->
                s.reply(
                    pkg1,
                    true,
                    Fixture.get("4", "./DevInfo/Man"),
                    Fixture.add("5", "./Vendor/A", "1")),
            pkg3 -> s.reply(pkg3, true));

    SessionReport report = run(e, t);

    assertThat(report.outcome()).isEqualTo(SessionOutcome.COMPLETED);
    assertThat(report.commands()).isEqualTo(2);
    assertThat(report.serverPackages()).isEqualTo(2);
    assertThat(report.summary())
        .startsWith("session " + report.sessionId() + " with srv1 ended: completed, 2 commands");
    assertThat(t.sent).hasSize(2);
    assertThat(t.sent.get(0).mediaType())
        .isEqualTo(e == Encoding.WBXML ? DmMediaType.DM_WBXML : DmMediaType.DM_XML);
    assertThat(t.closed).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void the_results_travel_in_the_encoding_of_the_session(Encoding e) throws Exception {
    Fixture.Server s = Fixture.Server.echoing();
    ReplayTransport t =
        server(
            e,
            pkg1 -> s.reply(pkg1, true, Fixture.get("4", "./DevInfo/Mod")),
            pkg3 -> s.reply(pkg3, true));

    run(e, t);

    SyncMessage pkg3 = decode(t.sent.get(1));
    Results r = Fixture.results(pkg3).get(0);
    assertThat(r.items().get(0).data().orElseThrow().text()).isEqualTo("GW-100");
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void the_next_message_goes_to_the_resp_uri_the_server_gave(Encoding e) {
    Fixture.Server s = Fixture.Server.echoing();
    ReplayTransport t =
        server(
            e,
            pkg1 -> {
              SyncMessage m = s.reply(pkg1, true, Fixture.get("4", "./DevInfo/Man"));
              return new SyncMessage(
                  m.header().withRespUri(java.util.Optional.of("replay://dm.example/manage?s=42")),
                  m.commands(),
                  true);
            },
            pkg3 -> s.reply(pkg3, true));

    run(e, t);

    assertThat(t.sent.get(0).target()).isEqualTo(ADDRESS);
    assertThat(t.sent.get(1).target()).hasToString("replay://dm.example/manage?s=42");
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void garbage_from_the_server_aborts_the_session_with_1223_and_no_exception(Encoding e)
      throws Exception {
    ReplayTransport t =
        new ReplayTransport(
            (request, i) ->
                ReplayTransport.ok(
                    type(e), "\u0000\u0003garbage<<<".getBytes(StandardCharsets.UTF_8)));

    SessionReport report = run(e, t);

    assertThat(report.outcome()).isEqualTo(SessionOutcome.ABORTED_BY_CLIENT);
    assertThat(report.reason().orElseThrow()).contains("400");
    SyncMessage last = decode(t.sent.get(t.sent.size() - 1));
    assertThat(Fixture.alerts(last)).extracting(Alert::code).containsExactly(1223);
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_server_message_over_our_max_msg_size_is_refused_before_it_is_read(Encoding e)
      throws Exception {
    Fixture.Server s = Fixture.Server.echoing();
    Command[] gets = new Command[400];
    for (int i = 0; i < gets.length; i++) {
      gets[i] = Fixture.get(Integer.toString(i + 4), "./DevInfo/Man");
    }
    ReplayTransport t = server(e, pkg1 -> s.reply(pkg1, true, gets), m -> s.reply(m, true));

    SessionReport report =
        engine(e, t, SessionSettings.defaults().withMaxMsgSize(2048)).run(account(), request());

    assertThat(report.outcome()).isEqualTo(SessionOutcome.ABORTED_BY_CLIENT);
    assertThat(report.reason().orElseThrow()).contains("413");
    assertThat(report.commands()).as("nothing of it ran").isZero();
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_transport_that_cannot_connect_fails_the_session_as_worth_retrying(Encoding e) {
    ReplayTransport t =
        new ReplayTransport(
            (request, i) -> {
              throw new TransportException(TransportException.Kind.CONNECT, "connection refused");
            });

    SessionResult result = engine(e, t, SessionSettings.defaults()).attempt(account(), request());

    assertThat(result.report().outcome()).isEqualTo(SessionOutcome.FAILED);
    assertThat(result.report().reason()).contains("connection refused");
    assertThat(result.retryable()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_server_that_does_not_answer_in_time_fails_the_exchange_with_a_timeout(Encoding e) {
    ReplayTransport t =
        new ReplayTransport(
            (request, i) -> {
              try {
                Thread.sleep(60_000);
              } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
              }
              throw new TransportException(TransportException.Kind.TIMEOUT, "interrupted");
            });

    SessionResult result =
        engine(e, t, SessionSettings.defaults().withExchangeTimeout(Duration.ofMillis(200)))
            .attempt(account(), request());

    assertThat(result.report().outcome()).isEqualTo(SessionOutcome.FAILED);
    assertThat(result.report().reason().orElseThrow()).contains("no answer within 200 ms");
    assertThat(result.retryable()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_transport_error_status_fails_the_session(Encoding e) {
    ReplayTransport t =
        new ReplayTransport(
            (request, i) -> new TransportResponse(503, "text/plain", Map.of(), new byte[0]));

    SessionResult result = engine(e, t, SessionSettings.defaults()).attempt(account(), request());

    assertThat(result.report().outcome()).isEqualTo(SessionOutcome.FAILED);
    assertThat(result.report().reason().orElseThrow()).contains("503");
    assertThat(result.retryable()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_server_answering_in_the_other_encoding_is_followed(Encoding e) throws Exception {
    Encoding other = e == Encoding.XML ? Encoding.WBXML : Encoding.XML;
    Fixture.Server s = Fixture.Server.echoing();
    ReplayTransport t =
        server(
            other,
            pkg1 -> s.reply(pkg1, true, Fixture.get("4", "./DevInfo/Man")),
            m -> s.reply(m, true));

    SessionReport report = run(e, t);

    assertThat(report.outcome()).isEqualTo(SessionOutcome.COMPLETED);
    assertThat(t.sent.get(1).mediaType().isWbxml()).isEqualTo(other == Encoding.WBXML);
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_session_that_fails_midway_leaves_what_ran_whole_and_nothing_half_done(Encoding e)
      throws Exception {
    f.device().addLeaf(NodeUri.of("./Vendor/Keep"), NodeValue.text("old"));
    Fixture.Server s = Fixture.Server.echoing();
    io.dmagent.api.message.Atomic atomic =
        new io.dmagent.api.message.Atomic(
            "4",
            false,
            java.util.Optional.empty(),
            List.of(
                Fixture.add("5", "./Vendor/A", "1"), Fixture.replace("6", "./Vendor/Keep", "new")));
    ReplayTransport t =
        new ReplayTransport(
            (request, i) -> {
              if (i > 0) {
                throw new TransportException(TransportException.Kind.CONNECT, "network gone");
              }
              try {
                return ReplayTransport.ok(
                    type(e), codec.encode(s.reply(decode(request), true, atomic), e));
              } catch (MessageFormatException x) {
                throw new AssertionError(x);
              }
            });

    SessionReport report = run(e, t);

    assertThat(report.outcome()).isEqualTo(SessionOutcome.FAILED);
    assertThat(f.value("./Vendor/A")).isEqualTo("1");
    assertThat(f.value("./Vendor/Keep")).isEqualTo("new");
    assertThat(t.closed).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void an_address_no_transport_handles_fails_cleanly(Encoding e) {
    ReplayTransport t = new ReplayTransport((request, i) -> null);

    SessionReport report =
        engine(e, t, SessionSettings.defaults())
            .run(Account.of(Fixture.SERVER, URI.create("obex://nowhere")), request());

    assertThat(report.outcome()).isEqualTo(SessionOutcome.FAILED);
    assertThat(report.reason().orElseThrow()).contains("no transport for obex");
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void the_status_of_the_servers_header_names_its_message(Encoding e) throws Exception {
    Fixture.Server s = Fixture.Server.echoing();
    ReplayTransport t =
        server(
            e,
            pkg1 -> s.reply(pkg1, true, Fixture.get("4", "./DevInfo/Man")),
            m -> s.reply(m, true));

    run(e, t);

    Status header = (Status) decode(t.sent.get(1)).commands().get(0);
    assertThat(header.cmdRef()).isEqualTo("0");
    assertThat(header.msgRef()).isEqualTo("1");
  }
}
