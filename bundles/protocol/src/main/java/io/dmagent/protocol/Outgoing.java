package io.dmagent.protocol;

import io.dmagent.api.message.Command;
import io.dmagent.api.message.Status;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A command waiting to go to the server, and what to do with the server's Status for it (Generic
 * Alerts leave the outbox only on 200 or 202). Its CmdID is given when it is placed in a message.
 * {@code continuesObject} marks a Results whose first item is the rest of a large object already
 * partly sent: its next chunk carries no Size.
 */
record Outgoing(Command command, Consumer<Status> onStatus, boolean continuesObject) {
  private static final Consumer<Status> IGNORE = s -> {};

  Outgoing {
    Objects.requireNonNull(command);
    Objects.requireNonNull(onStatus);
  }

  static Outgoing of(Command command) {
    return new Outgoing(command, IGNORE, false);
  }

  static Outgoing awaiting(Command command, Consumer<Status> onStatus) {
    return new Outgoing(command, onStatus, false);
  }

  boolean awaitsStatus() {
    return onStatus != IGNORE;
  }

  Outgoing withCommand(Command value) {
    return new Outgoing(value, onStatus, continuesObject);
  }
}
