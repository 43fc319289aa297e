package io.dmagent.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One command the server sent and what came back: the status codes the device answered (one, or one
 * per item; a chunked item's 213s are not kept) and, for a Get, the Results. Commands inside an
 * Atomic or Sequence name the block's CmdID as their parent.
 */
public record CommandRecord(
    String msgId,
    String cmdId,
    String element,
    List<String> targets,
    Optional<String> parent,
    List<Integer> statuses,
    List<ResultItem> results) {
  public CommandRecord {
    Objects.requireNonNull(msgId);
    Objects.requireNonNull(cmdId);
    Objects.requireNonNull(element);
    targets = List.copyOf(targets);
    Objects.requireNonNull(parent);
    statuses = List.copyOf(statuses);
    results = List.copyOf(results);
  }

  /** The status the device answered, the first if it sent one per item. */
  public OptionalInt status() {
    return statuses.isEmpty() ? OptionalInt.empty() : OptionalInt.of(statuses.get(0));
  }

  /** The target URI of the command's (first) item, or the empty string for an Alert. */
  public String target() {
    return targets.isEmpty() ? "" : targets.get(0);
  }

  CommandRecord withStatus(int code) {
    List<Integer> s = new ArrayList<>(statuses);
    s.add(code);
    return new CommandRecord(msgId, cmdId, element, targets, parent, s, results);
  }

  CommandRecord withResults(List<ResultItem> more) {
    List<ResultItem> r = new ArrayList<>(results);
    r.addAll(more);
    return new CommandRecord(msgId, cmdId, element, targets, parent, statuses, r);
  }

  @Override
  public String toString() {
    return cmdId
        + " "
        + element
        + (targets.isEmpty() ? "" : " " + String.join(",", targets))
        + " -> "
        + (statuses.isEmpty() ? "no status" : statuses.toString())
        + (results.isEmpty() ? "" : " " + results);
  }
}
