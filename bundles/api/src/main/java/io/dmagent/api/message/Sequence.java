package io.dmagent.api.message;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code Sequence}: its commands run in order. */
public record Sequence(String cmdId, boolean noResp, Optional<Meta> meta, List<Command> commands)
    implements Command {
  public Sequence {
    Objects.requireNonNull(cmdId);
    Objects.requireNonNull(meta);
    commands = List.copyOf(commands);
  }

  @Override
  public String element() {
    return CommandName.SEQUENCE.element();
  }

  @Override
  public Sequence withCmdId(String id) {
    return new Sequence(id, noResp, meta, commands);
  }
}
