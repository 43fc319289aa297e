package io.dmagent.notification;

import io.dmagent.api.account.Account;
import io.dmagent.api.account.Accounts;
import io.dmagent.api.log.RefusalLog;
import io.dmagent.api.log.WireText;
import io.dmagent.api.push.PushContentHandler;
import io.dmagent.api.push.PushContentType;
import io.dmagent.api.push.PushMessage;
import io.dmagent.api.push.PushOutcome;
import io.dmagent.api.push.PushReceiver;
import io.dmagent.api.push.PushVerdict;
import io.dmagent.api.session.ManagementSessions;
import io.dmagent.api.session.SessionRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one path of every push: size, content type, then for a package #0 its layout, server, digest,
 * duplicates, expiry, rate and ui-mode before the session is asked for; any other content type goes
 * to the handler registered for it. Every refusal is logged here in one line naming the reason;
 * wire text only quoted, no secret ever.
 */
final class NotificationReceiver implements PushReceiver {
  private final ReceiverSettings settings;
  private final Accounts accounts;
  private final ManagementSessions sessions;
  private final UiGate ui;
  private final Function<String, Optional<PushContentHandler>> handlers;
  private final Clock clock;
  private final Consumer<String> info;
  private final Consumer<String> warn;
  private final DigestCheck digests;
  private final ServerKeys keys;
  private final Dm13Layout dm13;
  private final DuplicateWindow duplicates;
  private final RateLimit rates;
  private final RefusalLog refusals;

  NotificationReceiver(
      ReceiverSettings settings,
      Accounts accounts,
      ManagementSessions sessions,
      UiGate ui,
      Function<String, Optional<PushContentHandler>> handlers,
      Clock clock,
      Consumer<String> info,
      Consumer<String> warn) {
    this.settings = settings;
    this.accounts = accounts;
    this.sessions = sessions;
    this.ui = ui;
    this.handlers = handlers;
    this.clock = clock;
    this.info = info;
    this.warn = warn;
    this.digests = new DigestCheck(accounts, warn);
    this.keys = new ServerKeys(accounts);
    this.dm13 = new Dm13Layout(settings.dm13(), info);
    this.duplicates =
        new DuplicateWindow(settings.duplicateWindow(), settings.duplicateCapacity(), clock);
    this.rates = new RateLimit(settings.rateBurst(), settings.ratePerSecond(), 1024, clock);
    // A flood of well-formed but forged notifications must not become a flood of log lines: writing
    // one line per refusal is what limited the receiver to ~1,400 refusals a second (wake.sh).
    this.refusals = RefusalLog.standard(warn, clock);
  }

  /** The accounts changed (a commit under ./DMAcc): credentials are read again. */
  void accountsChanged() {
    keys.forget();
  }

  @Override
  public int maxMessageSize() {
    return settings.maxMessageSize();
  }

  @Override
  public PushVerdict receive(PushMessage push) {
    // Taken first: the accepting line is written after the session was asked for, and the
    // wake benchmark (benchmarks/wake.sh) times from here to package 1.
    Instant received = clock.instant();
    if (push.length() > settings.maxMessageSize()) {
      return refuse(push, PushOutcome.TOO_LARGE, push.length() + " bytes");
    }
    Optional<PushContentType> type = PushContentType.fromMimeType(push.contentType());
    try {
      if (type.isPresent() && type.get().isNotification()) {
        return notification(push, type.get(), received);
      }
      Optional<PushContentHandler> handler = handlers.apply(HandlerKey.of(push.contentType()));
      if (handler.isEmpty()) {
        return refuse(
            push,
            PushOutcome.UNSUPPORTED_TYPE,
            "content type " + WireText.quote(push.contentType()) + " taken by nobody");
      }
      return handler.get().handle(push);
    } catch (RuntimeException e) {
      // Bad input never gets further than a refusal, whatever went wrong reading it.
      return refuse(push, PushOutcome.MALFORMED, "unreadable: " + e.getClass().getSimpleName());
    }
  }

  private PushVerdict notification(PushMessage push, PushContentType type, Instant received) {
    byte[] body = push.body();
    Notification n;
    try {
      n = type == PushContentType.DM12_NOTIFICATION ? Dm12Layout.decode(body) : dm13.decode(body);
    } catch (MalformedNotification e) {
      return refuse(push, PushOutcome.MALFORMED, e.getMessage());
    }
    if (!settings.knownVersions().contains(n.version())) {
      if (settings.refuseUnknownVersions()) {
        return refuse(push, PushOutcome.MALFORMED, "version field " + n.version() + " unknown");
      }
      info.accept("package #0 with unknown version field " + n.version() + ", taken");
    }
    String server = WireText.quote(n.serverId());
    Optional<ServerKeys.Keys> account = keys.of(n.serverId());
    if (account.isEmpty()) {
      return refuse(push, PushOutcome.UNKNOWN_SERVER, "no DM account for server " + server);
    }
    if (duplicates.seen(body)) {
      info.accept("package #0 from " + server + " again: DUPLICATE, no second session");
      return PushVerdict.of(PushOutcome.DUPLICATE, "the same notification was taken before");
    }
    switch (digests.verify(account.get(), n)) {
      case NO_SERVER_CREDENTIALS:
        return refuse(
            push, PushOutcome.UNAUTHENTICATED, "server " + server + " has no SRVCRED credentials");
      case FAILED:
        return refuse(push, PushOutcome.UNAUTHENTICATED, "digest of " + server + " wrong");
      case RESYNCHRONISED:
        info.accept("package #0 from " + server + " verified on the resynchronisation nonce");
        break;
      default:
        break;
    }
    if (n.expiry().isPresent() && clock.instant().isAfter(n.expiry().get())) {
      return refuse(push, PushOutcome.EXPIRED, "expired at " + n.expiry().get());
    }
    if (!rates.tryTake(n.serverId())) {
      return refuse(push, PushOutcome.RATE_LIMITED, "too many from " + server);
    }
    duplicates.remember(body);
    return start(push, n, account.get().account(), received);
  }

  private PushVerdict start(PushMessage push, Notification n, Account account, Instant received) {
    SessionRequest request =
        new SessionRequest(
            n.serverId(), Optional.of(n.sessionIdHex()), n.requestedMos(), n.connectReason());
    boolean queued = sessions.inSession(n.serverId());
    String server = WireText.quote(n.serverId());
    boolean admitted = ui.admit(n, account.name().orElse(n.serverId()), () -> ask(request, server));
    if (!admitted) {
      return refuse(push, PushOutcome.DECLINED, "the user cannot be asked now");
    }
    info.accept(
        "package #0 over "
            + push.binding()
            + " from "
            + server
            + ": session "
            + n.sessionIdHex()
            + ", "
            + n.uiMode()
            + n.connectReason().map(r -> ", reason " + WireText.quote(r)).orElse("")
            + (n.requestedMos().isEmpty() ? "" : ", requested " + n.requestedMos())
            + (queued ? ", QUEUED behind the running session" : "")
            + ", received "
            + received);
    return PushVerdict.of(
        queued ? PushOutcome.QUEUED : PushOutcome.ACCEPTED,
        queued ? "queued behind the running session" : "session requested");
  }

  private void ask(SessionRequest request, String server) {
    sessions
        .start(request)
        .exceptionally(
            e -> {
              warn.accept("session asked by " + server + " not started: " + e.getMessage());
              return null;
            });
  }

  private PushVerdict refuse(PushMessage push, PushOutcome outcome, String reason) {
    refusals.refuse(
        push.binding() + " " + sender(push.origin()),
        () ->
            "push over "
                + push.binding()
                + " from "
                + WireText.quote(push.origin())
                + " refused: "
                + outcome
                + " ("
                + reason
                + ")");
    return PushVerdict.of(outcome, reason);
  }

  /** The origin without its port: the refusals of one host are summarised together. */
  private static String sender(String origin) {
    int colon = origin.lastIndexOf(':');
    boolean port = colon > 0 && colon < origin.length() - 1;
    for (int i = colon + 1; port && i < origin.length(); i++) {
      port = Character.isDigit(origin.charAt(i));
    }
    return WireText.quote(port ? origin.substring(0, colon) : origin);
  }
}
