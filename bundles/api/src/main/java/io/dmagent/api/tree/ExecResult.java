package io.dmagent.api.tree;

import java.util.Objects;
import java.util.Optional;

/**
 * How an Exec ended: 200 when it ran to completion, 202 when it was accepted and will report
 * through a Generic Alert carrying the request's Correlator. Failures are thrown as {@link
 * DmException}.
 */
public record ExecResult(StatusCode status, Optional<NodeValue> output) {
  public ExecResult {
    Objects.requireNonNull(status);
    Objects.requireNonNull(output);
    if (status != StatusCode.OK && status != StatusCode.ACCEPTED_FOR_PROCESSING) {
      throw new IllegalArgumentException("an Exec result is 200 or 202; failures are DmExceptions");
    }
  }

  public static ExecResult completed() {
    return new ExecResult(StatusCode.OK, Optional.empty());
  }

  public static ExecResult accepted() {
    return new ExecResult(StatusCode.ACCEPTED_FOR_PROCESSING, Optional.empty());
  }
}
