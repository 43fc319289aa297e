package io.dmagent.bootstrap;

import io.dmagent.api.bootstrap.BootstrapResult.Outcome;

/**
 * Why a bootstrap message is not applied: its outcome and a reason fit for a log line (no secret,
 * wire text only through {@code WireText.quote}). Thrown before the tree transaction commits, so a
 * refusal always leaves the tree as it was.
 */
final class Refusal extends Exception {
  private static final long serialVersionUID = 1L;

  private final Outcome outcome;

  Refusal(Outcome outcome, String reason) {
    super(reason, null, false, false);
    this.outcome = outcome;
  }

  Outcome outcome() {
    return outcome;
  }

  static Refusal invalid(String reason) {
    return new Refusal(Outcome.INVALID, reason);
  }

  static Refusal notAuthentic(String reason) {
    return new Refusal(Outcome.NOT_AUTHENTIC, reason);
  }

  static Refusal notAllowed(String reason) {
    return new Refusal(Outcome.NOT_ALLOWED, reason);
  }

  static Refusal unsupported(String reason) {
    return new Refusal(Outcome.UNSUPPORTED, reason);
  }
}
