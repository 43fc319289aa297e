package io.dmagent.api.message;

import java.util.Objects;

/**
 * A command element SyncML knows but DM does not use (Map, Put, Search, Sync, ...): decoded far
 * enough to answer it with a Status (406), never executed.
 */
public record UnsupportedCommand(String element, String cmdId, boolean noResp) implements Command {
  public UnsupportedCommand {
    Objects.requireNonNull(element);
    Objects.requireNonNull(cmdId);
  }

  @Override
  public UnsupportedCommand withCmdId(String id) {
    return new UnsupportedCommand(element, id, noResp);
  }
}
