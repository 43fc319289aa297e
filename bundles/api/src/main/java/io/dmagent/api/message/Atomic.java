package io.dmagent.api.message;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code Atomic}: its commands all succeed or none takes effect. */
public record Atomic(String cmdId, boolean noResp, Optional<Meta> meta, List<Command> commands)
    implements Command {
  public Atomic {
    Objects.requireNonNull(cmdId);
    Objects.requireNonNull(meta);
    commands = List.copyOf(commands);
  }

  @Override
  public String element() {
    return CommandName.ATOMIC.element();
  }

  @Override
  public Atomic withCmdId(String id) {
    return new Atomic(id, noResp, meta, commands);
  }
}
