package io.dmagent.api.message;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code Exec} of the node its one item names, with the item's Data as argument. A Correlator asks
 * for the result to come back later in a Generic Alert carrying the same Correlator.
 */
public record Exec(
    String cmdId, boolean noResp, Optional<Meta> meta, Optional<String> correlator, Item item)
    implements Command {
  public Exec {
    Objects.requireNonNull(cmdId);
    Objects.requireNonNull(meta);
    Objects.requireNonNull(correlator);
    Objects.requireNonNull(item);
  }

  @Override
  public String element() {
    return CommandName.EXEC.element();
  }

  @Override
  public Exec withCmdId(String id) {
    return new Exec(id, noResp, meta, correlator, item);
  }
}
