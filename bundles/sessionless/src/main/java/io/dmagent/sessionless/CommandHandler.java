package io.dmagent.sessionless;

import io.dmagent.api.account.Account;
import io.dmagent.api.account.Accounts;
import io.dmagent.api.account.AppAuth;
import io.dmagent.api.log.WireText;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.MessageCodec;
import io.dmagent.api.message.MessageFormatException;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.push.PushContentHandler;
import io.dmagent.api.push.PushContentType;
import io.dmagent.api.push.PushMessage;
import io.dmagent.api.push.PushOutcome;
import io.dmagent.api.push.PushVerdict;
import io.dmagent.api.session.CommandRunner;
import io.dmagent.api.tree.DmException;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Takes a sessionless command: checks the envelope's MAC with the server's SRVCRED secret, that the
 * DM message comes from that server (Source) to this device (Target), and that its timestamp is new
 * and within the window (stored durably first), then runs its commands as that server and, when the
 * envelope or the configuration asks, reports their outcome. Each refusal leaves the tree as it was
 * and writes one log line.
 */
final class CommandHandler implements PushContentHandler {
  private final Accounts accounts;
  private final MessageCodec codec;
  private final CommandRunner runner;
  private final ReplayStore replay;
  private final OutcomeReports reports;
  private final Supplier<Optional<String>> devId;
  private final boolean alwaysReport;
  private final int maxMessageSize;
  private final Clock clock;
  private final Consumer<String> log;

  CommandHandler(
      Accounts accounts,
      MessageCodec codec,
      CommandRunner runner,
      ReplayStore replay,
      OutcomeReports reports,
      Supplier<Optional<String>> devId,
      boolean alwaysReport,
      int maxMessageSize,
      Clock clock,
      Consumer<String> log) {
    this.accounts = accounts;
    this.codec = codec;
    this.runner = runner;
    this.replay = replay;
    this.reports = reports;
    this.devId = devId;
    this.alwaysReport = alwaysReport;
    this.maxMessageSize = maxMessageSize;
    this.clock = clock;
    this.log = log;
  }

  @Override
  public PushVerdict handle(PushMessage push) {
    Optional<PushContentType> type = PushContentType.fromMimeType(push.contentType());
    if (type.isEmpty() || type.get().isNotification()) {
      return refuse(push, PushOutcome.UNSUPPORTED_TYPE, "not a DM message type");
    }
    Envelope envelope;
    try {
      envelope = Envelope.parse(push.body());
    } catch (Envelope.UnsignedException e) {
      return refuse(push, PushOutcome.UNAUTHENTICATED, "unsigned: no x-syncml-hmac envelope");
    } catch (Envelope.MalformedException e) {
      return refuse(push, PushOutcome.MALFORMED, "envelope: " + e.getMessage());
    }
    String serverId = envelope.hmac().username();
    Optional<Account> account = accounts.find(serverId);
    if (account.isEmpty()) {
      return refuse(push, PushOutcome.UNKNOWN_SERVER, "no account for " + WireText.quote(serverId));
    }
    Optional<AppAuth> srvcred = accounts.appAuth(account.get().node(), AppAuth.SRVCRED);
    if (srvcred.isEmpty()) {
      return refuse(
          push, PushOutcome.UNAUTHENTICATED, WireText.quote(serverId) + " has no SRVCRED secret");
    }
    if (!envelope.verifies(srvcred.get().secret())) {
      return refuse(push, PushOutcome.UNAUTHENTICATED, "wrong MAC for " + WireText.quote(serverId));
    }
    SyncMessage message;
    try {
      message = codec.decode(envelope.message(), envelope.encoding(), maxMessageSize);
    } catch (MessageFormatException e) {
      return refuse(push, PushOutcome.MALFORMED, "DM message: " + e.getMessage());
    }
    Optional<PushVerdict> misaddressed = checkAddresses(push, serverId, message);
    if (misaddressed.isPresent()) {
      return misaddressed.get();
    }
    Optional<PushVerdict> replayed = admit(push, serverId, envelope.timestamp());
    if (replayed.isPresent()) {
      return replayed.get();
    }
    List<Command> outcome = runner.run(serverId, message);
    log.accept(
        "sessionless command from "
            + WireText.quote(serverId)
            + " over "
            + push.binding()
            + " ran: "
            + outcome.size()
            + " answer(s)");
    if (envelope.reportOutcome() || alwaysReport) {
      report(serverId, message.header().sessionId(), outcome);
    }
    return PushVerdict.of(PushOutcome.ACCEPTED, "sessionless command ran");
  }

  private Optional<PushVerdict> checkAddresses(PushMessage push, String serverId, SyncMessage m) {
    if (!m.header().source().locUri().equals(serverId)) {
      return Optional.of(
          refuse(
              push,
              PushOutcome.UNAUTHENTICATED,
              "Source "
                  + WireText.quote(m.header().source().locUri())
                  + " is not the signer "
                  + WireText.quote(serverId)));
    }
    Optional<String> ours = devId.get();
    if (ours.isEmpty() || !m.header().target().locUri().equals(ours.get())) {
      return Optional.of(
          refuse(
              push,
              PushOutcome.MALFORMED,
              "Target " + WireText.quote(m.header().target().locUri()) + " is not our DevId"));
    }
    return Optional.empty();
  }

  private Optional<PushVerdict> admit(PushMessage push, String serverId, long timestamp) {
    try {
      return switch (replay.admit(serverId, timestamp, clock.millis())) {
        case ADMITTED -> Optional.empty();
        case REPLAYED ->
            Optional.of(
                refuse(
                    push,
                    PushOutcome.EXPIRED,
                    "replayed: timestamp "
                        + timestamp
                        + " not after the last accepted from "
                        + WireText.quote(serverId)));
        case OUT_OF_WINDOW ->
            Optional.of(
                refuse(
                    push,
                    PushOutcome.EXPIRED,
                    "timestamp " + timestamp + " outside the window around our clock"));
      };
    } catch (IOException e) {
      return Optional.of(
          refuse(push, PushOutcome.RATE_LIMITED, "replay guard not stored: " + e.getMessage()));
    }
  }

  private void report(String serverId, String sessionId, List<Command> outcome) {
    if (!Envelope.isOutcomeOf(sessionId)) {
      log.accept(
          "SessionID "
              + WireText.quote(sessionId)
              + " of a sessionless command from "
              + WireText.quote(serverId)
              + " is no token: its outcome report will not name it");
    }
    try {
      reports.reportOutcome(serverId, sessionId, outcome);
    } catch (DmException e) {
      log.accept(
          "outcome of a sessionless command from "
              + WireText.quote(serverId)
              + " not reported: "
              + e.getMessage());
    }
  }

  private PushVerdict refuse(PushMessage push, PushOutcome outcome, String reason) {
    log.accept(
        "sessionless command over "
            + push.binding()
            + " from "
            + WireText.quote(push.origin())
            + " refused ("
            + outcome
            + "): "
            + reason);
    return PushVerdict.of(outcome, reason);
  }
}
