package io.dmagent.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.account.AccountSpec;
import io.dmagent.api.account.Accounts;
import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.Challenge;
import io.dmagent.api.message.MessageFormatException;
import io.dmagent.api.message.Meta;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.session.AlertMark;
import io.dmagent.api.session.GenericAlert;
import io.dmagent.api.session.ManagementSessions;
import io.dmagent.api.session.SessionOutcome;
import io.dmagent.api.session.SessionReport;
import io.dmagent.api.session.SessionRequest;
import io.dmagent.api.transport.DmMediaType;
import io.dmagent.api.transport.TransportException;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.codec.description.DdfTndsCodec;
import io.dmagent.codec.message.SyncMlCodec;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions as other bundles ask for them: one at a time per server, retried with back-off when the
 * transport fails, reported in one line and to listeners, stopped cleanly; alerts that ask for a
 * session.
 */
class SessionManagerTest {
  final SyncMlCodec codec = new SyncMlCodec();
  final List<SessionReport> heard = new CopyOnWriteArrayList<>();
  final ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(2);

  @TempDir Path dir;
  Fixture f;
  SessionManager manager;

  @BeforeEach
  void prepare() throws Exception {
    f = new Fixture(dir);
    f.accounts.write(
        new AccountSpec(
            "srv1", "srv1", "", URI.create("replay://dm.example/dm"), Optional.empty(), "", ""));
  }

  @AfterEach
  void stop() {
    if (manager != null) {
      manager.close();
    }
    pool.shutdownNow();
  }

  private SessionManager manager(ReplayTransport transport, int attempts) {
    return manager(transport, attempts, Duration.ofMillis(10), Duration.ofMillis(40));
  }

  private SessionManager manager(
      ReplayTransport transport, int attempts, Duration firstBackoff, Duration maxBackoff) {
    SessionEngine engine =
        SessionEngine.builder()
            .tree(f.tree)
            .descriptionCodec(new DdfTndsCodec())
            .messageCodec(codec)
            .transport(transport)
            .outbox(f.outbox)
            .accounts(f.accounts)
            .settings(
                SessionSettings.defaults()
                    .withEncoding(Encoding.XML)
                    .withRetries(attempts, firstBackoff, maxBackoff))
            .log(f.log::add)
            .build();
    Accounts accounts = f.accounts;
    manager =
        new SessionManager(
            accounts::find, engine, f.outbox, pool, () -> List.of(heard::add), f.log::add);
    return manager;
  }

  /** A server that answers package 1 with nothing to do: the session ends after one exchange. */
  private ReplayTransport quietServer(CountDownLatch hold) {
    return new ReplayTransport(quietPeer(hold));
  }

  private ReplayTransport.Peer quietPeer(CountDownLatch hold) {
    return (request, i) -> {
      try {
        if (hold != null) {
          hold.await(10, TimeUnit.SECONDS);
        }
        SyncMessage pkg1 = codec.decode(request.body(), Encoding.XML, 1 << 20);
        SyncMessage answer = new Fixture.Server(pkg1.header().sessionId()).reply(pkg1, true);
        return ReplayTransport.ok(
            DmMediaType.DM_XML.mimeType(), codec.encode(answer, Encoding.XML));
      } catch (MessageFormatException | InterruptedException e) {
        throw new TransportException(TransportException.Kind.PROTOCOL, e.toString());
      }
    };
  }

  @Test
  void a_session_asked_for_runs_and_is_reported_in_one_line_and_to_listeners() throws Exception {
    ManagementSessions sessions = manager(quietServer(null), 1);

    SessionReport report =
        sessions
            .start(SessionRequest.clientInitiated("srv1"))
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);

    assertThat(report.outcome()).isEqualTo(SessionOutcome.COMPLETED);
    assertThat(heard).containsExactly(report);
    assertThat(f.log).contains(report.summary());
    assertThat(report.summary())
        .startsWith("session " + report.sessionId() + " with srv1 ended: completed");
  }

  @Test
  void a_second_request_while_a_session_runs_joins_it() throws Exception {
    CountDownLatch hold = new CountDownLatch(1);
    ReplayTransport transport = quietServer(hold);
    ManagementSessions sessions = manager(transport, 1);

    CompletionStage<SessionReport> first = sessions.start(SessionRequest.clientInitiated("srv1"));
    CompletionStage<SessionReport> second = sessions.start(SessionRequest.clientInitiated("srv1"));
    hold.countDown();

    assertThat(second).isSameAs(first);
    first.toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(transport.sent).hasSize(1);
  }

  @Test
  void a_server_initiated_request_while_a_session_runs_is_queued_and_runs_after_it()
      throws Exception {
    CountDownLatch hold = new CountDownLatch(1);
    ReplayTransport transport = quietServer(hold);
    ManagementSessions sessions = manager(transport, 1);

    CompletionStage<SessionReport> running = sessions.start(SessionRequest.clientInitiated("srv1"));
    CompletionStage<SessionReport> notified =
        sessions.start(SessionRequest.serverInitiated("srv1", "BEEF"));
    CompletionStage<SessionReport> later =
        sessions.start(SessionRequest.serverInitiated("srv1", "CAFE"));
    CompletionStage<SessionReport> client = sessions.start(SessionRequest.clientInitiated("srv1"));
    hold.countDown();

    assertThat(notified).isNotSameAs(running);
    assertThat(later).isSameAs(notified);
    assertThat(client).isSameAs(notified);
    SessionReport first = running.toCompletableFuture().get(10, TimeUnit.SECONDS);
    SessionReport second = notified.toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(second.sessionId()).isEqualTo("BEEF");
    assertThat(first.sessionId()).isNotEqualTo("BEEF");
    List<Integer> alerts = new ArrayList<>();
    for (var request : transport.sent) {
      Fixture.alerts(codec.decode(request.body(), Encoding.XML, 1 << 20)).stream()
          .map(a -> a.code())
          .filter(c -> c == 1200 || c == 1201)
          .forEach(alerts::add);
    }
    assertThat(alerts).containsExactly(1201, 1200);
    assertThat(f.log).anyMatch(l -> l.startsWith("server-initiated session with srv1 queued"));
  }

  @Test
  void the_connect_reason_of_a_notified_session_is_in_its_log_line() throws Exception {
    ManagementSessions sessions = manager(quietServer(null), 1);
    SessionRequest request =
        new SessionRequest("srv1", Optional.of("12"), List.of(), Optional.of("new firmware"));

    SessionReport report = sessions.start(request).toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertThat(f.log).contains(report.summary() + " (connect reason 'new firmware')");
  }

  @Test
  void a_transport_failure_is_retried_with_back_off_up_to_the_configured_attempts()
      throws Exception {
    AtomicInteger calls = new AtomicInteger();
    ReplayTransport refusing =
        new ReplayTransport(
            (request, i) -> {
              calls.incrementAndGet();
              throw new TransportException(TransportException.Kind.CONNECT, "connection refused");
            });
    ManagementSessions sessions = manager(refusing, 3);

    SessionReport report =
        sessions
            .start(SessionRequest.clientInitiated("srv1"))
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);

    assertThat(report.outcome()).isEqualTo(SessionOutcome.FAILED);
    assertThat(report.reason()).contains("connection refused");
    assertThat(calls).hasValue(3);
    assertThat(f.log)
        .filteredOn(l -> l.startsWith("session with srv1 failed (connection refused); attempt"))
        .hasSize(2);
    assertThat(heard).hasSize(1);
  }

  /** A server that refuses every credential: 401 with a challenge for Basic, every message. */
  private ReplayTransport refusingServer(List<Long> receivedAt) {
    Map<String, Fixture.Server> sessions = new ConcurrentHashMap<>();
    return new ReplayTransport(
        (request, i) -> {
          receivedAt.add(System.nanoTime());
          try {
            SyncMessage m = codec.decode(request.body(), Encoding.XML, 1 << 20);
            Status refused =
                new Status(
                    "1",
                    m.header().msgId(),
                    "0",
                    Status.SYNC_HDR,
                    List.of(),
                    List.of(),
                    Optional.empty(),
                    Optional.of(new Challenge(Meta.of("b64", "syncml:auth-basic"))),
                    401,
                    List.of());
            Fixture.Server server =
                sessions.computeIfAbsent(m.header().sessionId(), Fixture.Server::new);
            return ReplayTransport.ok(
                DmMediaType.DM_XML.mimeType(),
                codec.encode(server.message(true, refused), Encoding.XML));
          } catch (MessageFormatException e) {
            throw new TransportException(TransportException.Kind.PROTOCOL, e.toString());
          }
        });
  }

  @Test
  void refused_credentials_abort_each_session_which_is_retried_with_back_off_up_to_the_attempts()
      throws Exception {
    f.accounts.write(
        new AccountSpec(
            "srv1",
            "srv1",
            "",
            URI.create("replay://dm.example/dm"),
            Optional.of("BASIC"),
            "gw42",
            "a-wrong-secret"));
    List<Long> receivedAt = new CopyOnWriteArrayList<>();
    ReplayTransport refusing = refusingServer(receivedAt);
    Duration first = Duration.ofMillis(150);
    Duration max = Duration.ofMillis(300);
    ManagementSessions sessions = manager(refusing, 3, first, max);

    SessionReport report =
        sessions
            .start(SessionRequest.clientInitiated("srv1"))
            .toCompletableFuture()
            .get(20, TimeUnit.SECONDS);

    assertThat(report.outcome()).isEqualTo(SessionOutcome.ABORTED_BY_CLIENT);
    assertThat(report.reason()).contains("server refused our credentials (401)");
    Map<String, List<SyncMessage>> bySession = new LinkedHashMap<>();
    for (var request : refusing.sent) {
      SyncMessage m = codec.decode(request.body(), Encoding.XML, 1 << 20);
      bySession.computeIfAbsent(m.header().sessionId(), id -> new ArrayList<>()).add(m);
    }
    assertThat(bySession).as("one session per attempt, each with its own SessionID").hasSize(3);
    for (List<SyncMessage> session : bySession.values()) {
      // authAttempts (3) packages 1 with credentials, then Alert 1223 ends the session.
      assertThat(session).hasSize(4);
      assertThat(session.subList(0, 3))
          .allSatisfy(m -> assertThat(m.header().cred()).isPresent())
          .allSatisfy(m -> assertThat(Fixture.alerts(m)).extracting(a -> a.code()).contains(1201));
      assertThat(Fixture.alerts(session.get(3))).extracting(a -> a.code()).containsExactly(1223);
    }
    // The manager waits at least the back-off between sessions (a lower bound, not a timing).
    assertThat(receivedAt.get(4) - receivedAt.get(3)).isGreaterThanOrEqualTo(first.toNanos());
    assertThat(receivedAt.get(8) - receivedAt.get(7)).isGreaterThanOrEqualTo(max.toNanos());
    assertThat(f.log)
        .filteredOn(l -> l.startsWith("session with srv1 failed (server refused our credentials"))
        .hasSize(2)
        .anyMatch(l -> l.contains("attempt 2 of 3"))
        .anyMatch(l -> l.contains("attempt 3 of 3"));
    assertThat(heard).containsExactly(report);
    assertThat(f.log).filteredOn(report.summary()::equals).hasSize(1);
    assertThat(f.log).noneMatch(l -> l.contains("a-wrong-secret"));
    // Nothing follows the last attempt: no endless loop of sessions.
    Thread.sleep(3 * max.toMillis());
    assertThat(refusing.sent).hasSize(12);
    assertThat(heard).hasSize(1);
  }

  @Test
  void a_failure_that_retrying_cannot_mend_is_not_retried() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    ReplayTransport garbage =
        new ReplayTransport(
            (request, i) -> {
              calls.incrementAndGet();
              return ReplayTransport.ok(DmMediaType.DM_XML.mimeType(), "<nope".getBytes());
            });
    ManagementSessions sessions = manager(garbage, 3);

    SessionReport report =
        sessions
            .start(SessionRequest.clientInitiated("srv1"))
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);

    assertThat(report.outcome()).isEqualTo(SessionOutcome.ABORTED_BY_CLIENT);
    assertThat(calls).as("package 1 and the abort").hasValue(2);
  }

  @Test
  void an_error_thrown_in_a_session_ends_it_in_one_line_and_the_next_request_runs_a_new_one()
      throws Exception {
    AtomicInteger calls = new AtomicInteger();
    ReplayTransport.Peer quiet = quietPeer(null);
    ReplayTransport brokenOnce =
        new ReplayTransport(
            (request, i) -> {
              if (calls.incrementAndGet() == 1) {
                throw new NoClassDefFoundError("io/dmagent/Gone");
              }
              return quiet.answer(request, i);
            });
    ManagementSessions sessions = manager(brokenOnce, 3);

    assertThatThrownBy(
            () ->
                sessions
                    .start(SessionRequest.clientInitiated("srv1"))
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(NoClassDefFoundError.class);
    assertThat(f.log).anyMatch(l -> l.contains("not run: java.lang.NoClassDefFoundError"));

    SessionReport next =
        sessions
            .start(SessionRequest.clientInitiated("srv1"))
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    assertThat(next.outcome()).isEqualTo(SessionOutcome.COMPLETED);
    assertThat(sessions.inSession("srv1")).isFalse();
  }

  @Test
  void a_request_for_a_server_without_account_fails_at_once() {
    ManagementSessions sessions = manager(quietServer(null), 1);

    assertThatThrownBy(
            () ->
                sessions
                    .start(SessionRequest.clientInitiated("nobody"))
                    .toCompletableFuture()
                    .get())
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("no DM account for server nobody");
  }

  @Test
  void stopping_ends_waiting_requests_and_leaves_no_thread() throws Exception {
    CountDownLatch hold = new CountDownLatch(1);
    SessionManager m = manager(quietServer(hold), 1);
    CompletionStage<SessionReport> running = m.start(SessionRequest.clientInitiated("srv1"));

    m.close();
    hold.countDown();

    // Interrupted in flight it reports a failure; still waiting for a thread it ends exceptionally.
    CompletableFuture<SessionReport> done = running.toCompletableFuture();
    assertThat(done).isDone();
    if (!done.isCompletedExceptionally()) {
      assertThat(done.get().outcome()).isEqualTo(SessionOutcome.FAILED);
    }
    assertThat(pool.isTerminated()).isTrue();
    assertThat(m.start(SessionRequest.clientInitiated("srv1")).toCompletableFuture())
        .isCompletedExceptionally();
  }

  @Test
  void a_queued_alert_asks_for_a_session_that_delivers_it() throws Exception {
    ReplayTransport transport = quietServer(null);
    SessionManager m = manager(transport, 1);
    OutboxAlertService alerts = new OutboxAlertService(f.outbox, m, f.accounts::all, f.log::add);

    alerts.queue(
        new GenericAlert(
            "com.example.test",
            NodeFormat.CHR,
            AlertMark.WARNING,
            Optional.empty(),
            "hello".getBytes(),
            Optional.empty()),
        Optional.empty());

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (f.outbox.size() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(f.outbox.size()).as("acknowledged by the server's 200").isZero();
    SyncMessage pkg1 = codec.decode(transport.sent.get(0).body(), Encoding.XML, 1 << 20);
    assertThat(Fixture.alerts(pkg1)).extracting(a -> a.code()).contains(1226);
  }
}
