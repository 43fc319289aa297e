package io.dmagent.api.bootstrap;

import java.util.List;
import java.util.Objects;

/**
 * What a bootstrap did: its outcome, the ServerIDs of the accounts it created or updated (empty
 * unless applied), and a reason fit for a log line (never a secret, never unquoted wire text).
 */
public record BootstrapResult(Outcome outcome, List<String> serverIds, String reason) {

  /** How a bootstrap message ended. Anything but {@link #APPLIED} left the tree unchanged. */
  public enum Outcome {
    /** Applied as a whole. */
    APPLIED,
    /** The same message as the last one from this source and origin: nothing to do. */
    UNCHANGED,
    /** Its MAC did not verify, or it carried none where its source needs one. */
    NOT_AUTHENTIC,
    /**
     * Malformed, truncated, oversized, or against the bootstrap rules (e.g. no matching AppAddr).
     */
    INVALID,
    /**
     * Well formed and authentic but not allowed: inhibited by the Bootstrap Config MO or the
     * configuration, or it would replace a server without the right to.
     */
    NOT_ALLOWED,
    /** A content type or profile this agent does not take. */
    UNSUPPORTED
  }

  public BootstrapResult {
    Objects.requireNonNull(outcome);
    serverIds = List.copyOf(serverIds);
    Objects.requireNonNull(reason);
  }

  public boolean applied() {
    return outcome == Outcome.APPLIED;
  }
}
