package io.dmagent.api.push;

import java.util.Objects;

/**
 * The receiver's answer to one push: its outcome and a short reason for a log line or a peer (never
 * a secret, never the pushed bytes).
 */
public record PushVerdict(PushOutcome outcome, String reason) {
  public PushVerdict {
    Objects.requireNonNull(outcome);
    Objects.requireNonNull(reason);
  }

  public static PushVerdict of(PushOutcome outcome, String reason) {
    return new PushVerdict(outcome, reason);
  }

  public boolean taken() {
    return outcome.taken();
  }
}
