package io.dmagent.api.message;

import java.util.List;
import java.util.Objects;

/**
 * One SyncML DM message: a header, the commands of its body in order, and {@code Final} when it is
 * the last message of its package.
 */
public record SyncMessage(SyncHeader header, List<Command> commands, boolean isFinal) {
  public SyncMessage {
    Objects.requireNonNull(header);
    commands = List.copyOf(commands);
  }
}
