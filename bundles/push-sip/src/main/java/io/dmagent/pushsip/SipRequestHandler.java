package io.dmagent.pushsip;

import io.dmagent.api.log.WireText;
import io.dmagent.api.push.PushContentType;
import io.dmagent.api.push.PushMessage;
import io.dmagent.api.push.PushOutcome;
import io.dmagent.api.push.PushReceiver;
import io.dmagent.api.push.PushVerdict;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Answers one well-formed request: a MESSAGE (or a NOTIFY of the {@code dm-push} event) goes to the
 * {@link PushReceiver} as body and Content-Type, unread, and its verdict becomes the status;
 * OPTIONS is answered 200 (SIP pings); ACK gets nothing; any other method 405.
 */
final class SipRequestHandler {
  static final String BINDING = "sip";
  static final String ALLOW = "MESSAGE, NOTIFY, OPTIONS";
  static final String EVENT = "dm-push";

  private static final String ACCEPT =
      Arrays.stream(PushContentType.values())
          .map(PushContentType::mimeType)
          .collect(Collectors.joining(", "));

  private final PushReceiver receiver;
  private final int retryAfterSeconds;
  private final Consumer<String> log;

  SipRequestHandler(PushReceiver receiver, int retryAfterSeconds, Consumer<String> log) {
    this.receiver = receiver;
    this.retryAfterSeconds = retryAfterSeconds;
    this.log = log;
  }

  /** The largest body the receiver takes. */
  int maxBodySize() {
    return receiver.maxMessageSize();
  }

  /** The response, or nothing for an ACK (RFC 3261 17.2.1: never answered). */
  Optional<SipResponse> handle(SipRequest request, String origin) {
    return switch (request.method()) {
      case "MESSAGE" -> Optional.of(push(request, origin));
      case "NOTIFY" -> Optional.of(notify(request, origin));
      case "OPTIONS" ->
          Optional.of(SipResponse.of(SipStatus.OK).with("Allow", ALLOW).with("Accept", ACCEPT));
      case "ACK" -> Optional.empty();
      default -> Optional.of(SipResponse.of(SipStatus.METHOD_NOT_ALLOWED).with("Allow", ALLOW));
    };
  }

  private SipResponse notify(SipRequest request, String origin) {
    String event = request.headers().first(SipHeaders.EVENT).orElse("");
    int semi = event.indexOf(';');
    if (!(semi < 0 ? event : event.substring(0, semi)).trim().equalsIgnoreCase(EVENT)) {
      return refused(
          SipStatus.BAD_EVENT,
          "NOTIFY of event " + WireText.quote(event) + ", not dm-push",
          origin);
    }
    return push(request, origin);
  }

  private SipResponse push(SipRequest request, String origin) {
    Optional<String> type = request.headers().first(SipHeaders.CONTENT_TYPE);
    if (type.isEmpty()) {
      return refused(SipStatus.UNSUPPORTED_MEDIA_TYPE, "a push without Content-Type", origin);
    }
    if (request.body().length > receiver.maxMessageSize()) {
      return refused(
          SipStatus.TOO_LARGE,
          "a body of " + request.body().length + " bytes, over " + receiver.maxMessageSize(),
          origin);
    }
    PushVerdict verdict;
    try {
      verdict = receiver.receive(new PushMessage(BINDING, type.get(), request.body(), origin));
    } catch (RuntimeException e) {
      log.accept("SIP push from " + origin + " failed in the receiver: " + e);
      return SipResponse.of(SipStatus.SERVER_ERROR).warning("the push receiver failed");
    }
    SipResponse response = SipResponse.of(SipStatus.of(verdict.outcome()));
    if (verdict.outcome() == PushOutcome.RATE_LIMITED) {
      response.with("Retry-After", Integer.toString(retryAfterSeconds));
    }
    return verdict.taken() ? response : response.warning(verdict.reason());
  }

  /** The binding's own refusals are logged here; the receiver logs its verdicts itself. */
  private SipResponse refused(int status, String reason, String origin) {
    log.accept("SIP push from " + origin + " refused (" + status + "): " + reason);
    return SipResponse.of(status).warning(reason);
  }
}
