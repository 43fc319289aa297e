package io.dmagent.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.push.PushContentHandler;
import io.dmagent.api.push.PushMessage;
import io.dmagent.api.push.PushOutcome;
import io.dmagent.api.push.PushVerdict;
import io.dmagent.api.session.UiKind;
import io.dmagent.api.session.UiResponse;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** What the receiver makes of each push: outcome, session asked for, one log line per refusal. */
class NotificationReceiverTest {
  private static final String SRV = "srv.example";
  private static final String SECRET = "server-secret";
  private static final byte[] NONCE = {1, 2, 3, 4, 5, 6};

  private final Receivers r = new Receivers();
  private Instant now = Instant.parse("2026-12-07T12:00:00Z");

  private final Clock clock =
      new Clock() {
        @Override
        public java.time.ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };

  NotificationReceiverTest() {
    r.accounts.add(SRV, SECRET, NONCE);
  }

  private NotificationReceiver receiver() {
    return r.build(ReceiverSettings.DEFAULTS, clock);
  }

  private static byte[] dm13(Package0Encoder e) {
    return e.option(Dm13Layout.SERVER_ID, SRV).dm13(SRV, SECRET, NONCE, true);
  }

  @Test
  void dm13_notification_asks_for_a_session_with_its_mos_and_reason() {
    byte[] body =
        new Package0Encoder()
            .sessionId(0x00AB)
            .option(Dm13Layout.SERVER_ID, SRV)
            .option(Dm13Layout.REQUESTED_MO, new byte[] {0x02})
            .option(Dm13Layout.CONNECT_REASON, "config changed")
            .dm13(SRV, SECRET, NONCE, true);

    PushVerdict v = receiver().receive(Receivers.dm13(body));

    assertThat(v.outcome()).isEqualTo(PushOutcome.ACCEPTED);
    assertThat(r.sessions.requests)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.notifiedSessionId()).contains("AB");
              assertThat(s.requestedMos()).containsExactly("urn:oma:mo:oma-dm-devdetail:1.0");
              assertThat(s.connectReason()).contains("config changed");
            });
  }

  @Test
  void the_accepting_line_names_when_the_notification_was_received() {
    byte[] body = dm13(new Package0Encoder().sessionId(0x00AB));

    receiver().receive(Receivers.dm13(body));

    assertThat(r.log)
        .anyMatch(
            l ->
                l.contains("package #0 over ")
                    && l.contains("session AB")
                    && l.endsWith("received 2026-12-07T12:00:00Z"));
  }

  @Test
  void unknown_server_is_refused_with_one_line() {
    byte[] body =
        new Package0Encoder()
            .option(Dm13Layout.SERVER_ID, "other")
            .dm13("other", SECRET, NONCE, true);

    PushVerdict v = receiver().receive(Receivers.dm13(body));

    assertThat(v.outcome()).isEqualTo(PushOutcome.UNKNOWN_SERVER);
    assertThat(r.sessions.requests).isEmpty();
    assertThat(r.log).singleElement().asString().contains("UNKNOWN_SERVER").contains("'other'");
  }

  @Test
  void wrong_digest_is_unauthenticated_and_the_secret_is_not_logged() {
    byte[] body =
        new Package0Encoder().option(Dm13Layout.SERVER_ID, SRV).dm13(SRV, "guess", NONCE, true);

    PushVerdict v = receiver().receive(Receivers.dm13(body));

    assertThat(v.outcome()).isEqualTo(PushOutcome.UNAUTHENTICATED);
    assertThat(r.sessions.requests).isEmpty();
    assertThat(r.log).singleElement().asString().doesNotContain(SECRET).doesNotContain("guess");
    assertThat(r.accounts.nonce(SRV, "CLCRED")).containsExactly(9, 9);
  }

  @Test
  void a_flood_of_forged_notifications_costs_a_few_log_lines_and_one_summary() {
    NotificationReceiver receiver = receiver();
    byte[] forged =
        new Package0Encoder().option(Dm13Layout.SERVER_ID, SRV).dm13(SRV, "guess", NONCE, true);

    for (int i = 0; i < 1000; i++) {
      assertThat(receiver.receive(Receivers.dm13(forged)).outcome())
          .isEqualTo(PushOutcome.UNAUTHENTICATED);
    }
    assertThat(r.log).hasSize(5);
    now = now.plus(Duration.ofSeconds(10));
    receiver.receive(Receivers.dm13(forged));

    assertThat(r.log)
        .hasSize(7)
        .element(5)
        .asString()
        .startsWith("995 more refusals from http '127.0.0.1' in 10 s");
    assertThat(r.sessions.requests).isEmpty();
  }

  @Test
  void the_same_notification_twice_within_the_window_starts_one_session() {
    NotificationReceiver receiver = receiver();
    byte[] body = dm13(new Package0Encoder());

    PushVerdict first = receiver.receive(Receivers.dm13(body));
    PushVerdict second = receiver.receive(Receivers.dm13(body));
    now = now.plus(Duration.ofSeconds(61));
    PushVerdict later = receiver.receive(Receivers.dm13(body));

    assertThat(first.outcome()).isEqualTo(PushOutcome.ACCEPTED);
    assertThat(second.outcome()).isEqualTo(PushOutcome.DUPLICATE);
    assertThat(later.outcome()).isEqualTo(PushOutcome.ACCEPTED);
    assertThat(r.sessions.requests).hasSize(2);
  }

  @Test
  void duplicate_table_stays_bounded_whatever_arrives() {
    DuplicateWindow w = new DuplicateWindow(Duration.ofMinutes(1), 100, clock);
    for (int i = 0; i < 10_000; i++) {
      w.remember(ByteBuffer.allocate(4).putInt(i).array());
    }
    assertThat(w.size()).isEqualTo(100);
    assertThat(w.seen(ByteBuffer.allocate(4).putInt(9_999).array())).isTrue();
    assertThat(w.seen(ByteBuffer.allocate(4).putInt(0).array())).isFalse();
  }

  @Test
  void a_burst_from_one_server_is_rate_limited_and_refills() {
    NotificationReceiver receiver = receiver();
    List<PushOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      outcomes.add(
          receiver.receive(Receivers.dm13(dm13(new Package0Encoder().sessionId(i)))).outcome());
    }
    now = now.plusSeconds(1);
    PushOutcome afterASecond =
        receiver.receive(Receivers.dm13(dm13(new Package0Encoder().sessionId(99)))).outcome();

    assertThat(outcomes.subList(0, 5)).containsOnly(PushOutcome.ACCEPTED);
    assertThat(outcomes.subList(5, 7)).containsOnly(PushOutcome.RATE_LIMITED);
    assertThat(afterASecond).isEqualTo(PushOutcome.ACCEPTED);
    assertThat(r.sessions.requests).hasSize(6);
  }

  @Test
  void a_notification_while_the_server_is_in_session_is_queued_not_dropped() {
    r.sessions.running.add(SRV);

    PushVerdict v = receiver().receive(Receivers.dm13(dm13(new Package0Encoder())));

    assertThat(v.outcome()).isEqualTo(PushOutcome.QUEUED);
    assertThat(r.sessions.requests).hasSize(1);
  }

  @Test
  void a_notification_past_its_expiry_is_expired() {
    byte[] body =
        new Package0Encoder()
            .option(Dm13Layout.SERVER_ID, SRV)
            .option(
                Dm13Layout.EXPIRY,
                ByteBuffer.allocate(4).putInt((int) now.minusSeconds(1).getEpochSecond()).array())
            .dm13(SRV, SECRET, NONCE, true);

    PushVerdict v = receiver().receive(Receivers.dm13(body));

    assertThat(v.outcome()).isEqualTo(PushOutcome.EXPIRED);
    assertThat(r.sessions.requests).isEmpty();
  }

  @Test
  void a_notification_before_its_expiry_is_taken() {
    byte[] body =
        new Package0Encoder()
            .option(Dm13Layout.SERVER_ID, SRV)
            .option(
                Dm13Layout.EXPIRY,
                ByteBuffer.allocate(4).putInt((int) now.plusSeconds(30).getEpochSecond()).array())
            .dm13(SRV, SECRET, NONCE, true);

    assertThat(receiver().receive(Receivers.dm13(body)).outcome()).isEqualTo(PushOutcome.ACCEPTED);
  }

  @Test
  void user_interaction_mode_starts_only_when_the_user_confirms() {
    AnsweringUser yes = new AnsweringUser(UiResponse.answered());
    r.user = yes;
    byte[] body =
        new Package0Encoder()
            .uiMode(3)
            .option(Dm13Layout.SERVER_ID, SRV)
            .option(Dm13Layout.CONNECT_REASON, "new firmware")
            .dm13(SRV, SECRET, NONCE, true);

    PushVerdict v = receiver().receive(Receivers.dm13(body));

    assertThat(v.outcome()).isEqualTo(PushOutcome.ACCEPTED);
    assertThat(r.sessions.requests).hasSize(1);
    assertThat(yes.prompts)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(UiKind.CONFIRM);
              assertThat(p.text()).contains("Server " + SRV).contains("new firmware");
            });
  }

  @Test
  void user_interaction_mode_declined_by_the_user_starts_nothing() {
    r.user = new AnsweringUser(UiResponse.of(UiResponse.Outcome.REJECTED));
    byte[] body = dm13(new Package0Encoder().uiMode(3));

    receiver().receive(Receivers.dm13(body));

    assertThat(r.sessions.requests).isEmpty();
    assertThat(r.log).anyMatch(l -> l.contains("DECLINED"));
  }

  @Test
  void the_user_is_asked_on_another_thread_and_the_binding_is_answered_at_once() {
    List<Runnable> later = new ArrayList<>();
    r.executor = later::add;
    r.user = new AnsweringUser(UiResponse.answered());
    byte[] body = dm13(new Package0Encoder().uiMode(3));

    PushVerdict v = receiver().receive(Receivers.dm13(body));

    assertThat(v.outcome()).isEqualTo(PushOutcome.ACCEPTED);
    assertThat(r.sessions.requests).isEmpty();
    later.forEach(Runnable::run);
    assertThat(r.sessions.requests).hasSize(1);
  }

  @Test
  void informative_mode_starts_and_shows_the_user() {
    AnsweringUser user = new AnsweringUser(UiResponse.answered());
    r.user = user;

    receiver().receive(Receivers.dm13(dm13(new Package0Encoder().uiMode(2))));

    assertThat(r.sessions.requests).hasSize(1);
    assertThat(user.prompts)
        .singleElement()
        .satisfies(p -> assertThat(p.kind()).isEqualTo(UiKind.DISPLAY));
  }

  @Test
  void background_mode_does_not_bother_the_user() {
    AnsweringUser user = new AnsweringUser(UiResponse.answered());
    r.user = user;

    receiver().receive(Receivers.dm13(dm13(new Package0Encoder().uiMode(1))));

    assertThat(r.sessions.requests).hasSize(1);
    assertThat(user.prompts).isEmpty();
  }

  @Test
  void every_truncation_of_a_notification_is_refused_without_exception() {
    byte[] good = dm13(new Package0Encoder().option(Dm13Layout.CONNECT_REASON, "why"));
    byte[] good12 = new Package0Encoder().dm12(SRV, SECRET, NONCE);
    NotificationReceiver receiver = receiver();
    for (int n = 0; n < good.length; n++) {
      assertThat(receiver.receive(Receivers.dm13(java.util.Arrays.copyOf(good, n))).taken())
          .isFalse();
    }
    for (int n = 0; n < good12.length; n++) {
      assertThat(receiver.receive(Receivers.dm12(java.util.Arrays.copyOf(good12, n))).taken())
          .isFalse();
    }
    assertThat(r.sessions.requests).isEmpty();
  }

  @Test
  void random_garbage_is_refused_without_exception() {
    NotificationReceiver receiver = receiver();
    Random random = new Random(14);
    for (int i = 0; i < 2000; i++) {
      byte[] junk = new byte[random.nextInt(200)];
      random.nextBytes(junk);
      PushMessage m = i % 2 == 0 ? Receivers.dm12(junk) : Receivers.dm13(junk);
      assertThat(receiver.receive(m).outcome())
          .isIn(PushOutcome.MALFORMED, PushOutcome.UNKNOWN_SERVER, PushOutcome.UNAUTHENTICATED);
    }
    assertThat(r.sessions.requests).isEmpty();
  }

  @Test
  void an_oversize_push_is_too_large() {
    PushVerdict v = receiver().receive(Receivers.dm12(new byte[65537]));

    assertThat(v.outcome()).isEqualTo(PushOutcome.TOO_LARGE);
    assertThat(r.log).singleElement().asString().contains("TOO_LARGE");
  }

  @Test
  void unknown_versions_are_taken_or_refused_as_configured() {
    byte[] body = dm13(new Package0Encoder().version(20));
    ReceiverSettings d = ReceiverSettings.DEFAULTS;
    ReceiverSettings strict =
        new ReceiverSettings(
            d.maxMessageSize(),
            d.dm13(),
            d.knownVersions(),
            true,
            d.duplicateWindow(),
            d.duplicateCapacity(),
            d.rateBurst(),
            d.ratePerSecond(),
            d.confirmTime());

    assertThat(receiver().receive(Receivers.dm13(body)).outcome()).isEqualTo(PushOutcome.ACCEPTED);
    assertThat(r.build(strict, clock).receive(Receivers.dm13(body)).outcome())
        .isEqualTo(PushOutcome.MALFORMED);
  }

  @Test
  void other_content_types_go_to_their_handler_or_are_unsupported() {
    List<PushMessage> handled = new ArrayList<>();
    PushContentHandler handler =
        m -> {
          handled.add(m);
          return PushVerdict.of(PushOutcome.ACCEPTED, "ran");
        };
    r.handlers = Map.of("application/vnd.syncml.dm+wbxml", handler);
    NotificationReceiver receiver = receiver();

    PushVerdict wbxml =
        receiver.receive(
            new PushMessage("http", "Application/vnd.syncml.dm+WBXML; x=1", new byte[] {1}, "p"));
    PushVerdict xml =
        receiver.receive(
            new PushMessage("http", "application/vnd.syncml.dm+xml", new byte[] {1}, "p"));

    assertThat(wbxml.outcome()).isEqualTo(PushOutcome.ACCEPTED);
    assertThat(handled).hasSize(1);
    assertThat(xml.outcome()).isEqualTo(PushOutcome.UNSUPPORTED_TYPE);
  }

  @Test
  void a_push_carrying_sec_goes_to_the_signed_bootstrap_handler_the_others_to_the_rest() {
    List<String> handled = new ArrayList<>();
    PushContentHandler sessionless =
        m -> {
          handled.add("sessionless");
          return PushVerdict.of(PushOutcome.ACCEPTED, "ran");
        };
    PushContentHandler bootstrap =
        m -> {
          handled.add("bootstrap");
          return PushVerdict.of(PushOutcome.ACCEPTED, "applied");
        };
    r.handlers =
        Map.of(
            HandlerKey.of("application/vnd.syncml.dm+wbxml", false), sessionless,
            HandlerKey.of("application/vnd.syncml.dm+wbxml", true), bootstrap);
    NotificationReceiver receiver = receiver();

    receiver.receive(
        new PushMessage(
            "wap", "application/vnd.syncml.dm+wbxml; SEC=0; MAC=00ff", new byte[] {1}, "p"));
    receiver.receive(
        new PushMessage("wap", "application/vnd.syncml.dm+wbxml", new byte[] {1}, "p"));
    PushVerdict unsignedCp =
        receiver.receive(
            new PushMessage("wap", "application/vnd.wap.connectivity-wbxml", new byte[] {1}, "p"));

    assertThat(handled).containsExactly("bootstrap", "sessionless");
    assertThat(unsignedCp.outcome()).isEqualTo(PushOutcome.UNSUPPORTED_TYPE);
  }

  @Test
  void no_user_to_ask_declines_a_user_interaction_notification() {
    Executor never = cmd -> {};
    r.executor = never;
    r.user = null;

    PushVerdict v = receiver().receive(Receivers.dm13(dm13(new Package0Encoder().uiMode(3))));

    assertThat(v.outcome()).isEqualTo(PushOutcome.DECLINED);
    assertThat(r.sessions.requests).isEmpty();
  }
}
