package io.dmagent.api.tree;

import java.util.Objects;
import java.util.Optional;

/**
 * An Exec on a node: the optional argument (Item Data) and the Correlator that a later Generic
 * Alert (1226) must echo when the result comes asynchronously.
 */
public record ExecRequest(Optional<NodeValue> argument, Optional<String> correlator) {
  public ExecRequest {
    Objects.requireNonNull(argument);
    Objects.requireNonNull(correlator);
  }

  public static ExecRequest none() {
    return new ExecRequest(Optional.empty(), Optional.empty());
  }
}
