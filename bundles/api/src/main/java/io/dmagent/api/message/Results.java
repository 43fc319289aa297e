package io.dmagent.api.message;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code Results} of the Get {@code cmdRef} of message {@code msgRef}: one item per node, each with
 * its Source and, unless the defaults ({@code chr}, {@code text/plain}), its Meta.
 */
public record Results(
    String cmdId,
    Optional<String> msgRef,
    String cmdRef,
    Optional<Meta> meta,
    Optional<String> targetRef,
    Optional<String> sourceRef,
    List<Item> items)
    implements Command {
  public Results {
    Objects.requireNonNull(cmdId);
    Objects.requireNonNull(msgRef);
    Objects.requireNonNull(cmdRef);
    Objects.requireNonNull(meta);
    Objects.requireNonNull(targetRef);
    Objects.requireNonNull(sourceRef);
    items = List.copyOf(items);
  }

  @Override
  public String element() {
    return CommandName.RESULTS.element();
  }

  @Override
  public boolean noResp() {
    return false;
  }

  @Override
  public Results withCmdId(String id) {
    return new Results(id, msgRef, cmdRef, meta, targetRef, sourceRef, items);
  }
}
