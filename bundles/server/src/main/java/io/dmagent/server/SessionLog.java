package io.dmagent.server;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The record of one session while it runs: written by the session's thread, read as a snapshot by
 * anyone (console, tests). Commands are found by CmdID, which the server numbers across the whole
 * session so that a Status or Results needs no MsgRef to find its command.
 */
final class SessionLog {
  private final String sessionId;
  private final String devId;
  private String script;
  private final Instant started;
  private final List<CommandRecord> commands = new ArrayList<>();
  private final Map<String, Integer> byCmdId = new HashMap<>();
  private final List<ReceivedAlert> alerts = new ArrayList<>();
  private Instant ended;
  private SessionState state = SessionState.ACTIVE;
  private int serverPackages;
  private int serverMessages;

  SessionLog(String sessionId, String devId, String script, Instant started) {
    this.sessionId = sessionId;
    this.devId = devId;
    this.script = script;
    this.started = started;
  }

  String sessionId() {
    return sessionId;
  }

  String devId() {
    return devId;
  }

  /** The script the session runs, chosen once its device authenticated. */
  synchronized void script(String name) {
    script = name;
  }

  synchronized void sent(CommandRecord command) {
    byCmdId.put(command.cmdId(), commands.size());
    commands.add(command);
  }

  /** Another CmdID for the same command: the later chunks of a large object. */
  synchronized void alias(String cmdId, String originalCmdId) {
    Integer index = byCmdId.get(originalCmdId);
    if (index != null) {
      byCmdId.put(cmdId, index);
    }
  }

  synchronized Optional<CommandRecord> command(String cmdId) {
    Integer index = byCmdId.get(cmdId);
    return index == null ? Optional.empty() : Optional.of(commands.get(index));
  }

  /** Adds a status to the command; false when the server sent no such command. */
  synchronized boolean status(String cmdRef, int code) {
    Integer index = byCmdId.get(cmdRef);
    if (index == null) {
      return false;
    }
    commands.set(index, commands.get(index).withStatus(code));
    return true;
  }

  synchronized boolean results(String cmdRef, List<ResultItem> items) {
    Integer index = byCmdId.get(cmdRef);
    if (index == null) {
      return false;
    }
    commands.set(index, commands.get(index).withResults(items));
    return true;
  }

  synchronized void alert(ReceivedAlert alert) {
    alerts.add(alert);
  }

  synchronized void messageSent(boolean isFinal) {
    serverMessages++;
    if (isFinal) {
      serverPackages++;
    }
  }

  synchronized SessionState state() {
    return state;
  }

  /** Ends the session once; later calls keep the first outcome. */
  synchronized boolean end(SessionState outcome, Instant when) {
    if (state != SessionState.ACTIVE) {
      return false;
    }
    state = outcome;
    ended = when;
    return true;
  }

  synchronized SessionRecord snapshot() {
    return new SessionRecord(
        sessionId,
        devId,
        script,
        started,
        Optional.ofNullable(ended),
        state,
        serverPackages,
        serverMessages,
        commands,
        alerts);
  }
}
