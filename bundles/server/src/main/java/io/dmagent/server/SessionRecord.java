package io.dmagent.server;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One session with a device as the server recorded it: the device's SessionID, the script that ran,
 * how far it got, how many packages and messages the server sent, every command sent with its
 * status and results, and the alerts the device sent.
 */
public record SessionRecord(
    String sessionId,
    String devId,
    String script,
    Instant started,
    Optional<Instant> ended,
    SessionState state,
    int serverPackages,
    int serverMessages,
    List<CommandRecord> commands,
    List<ReceivedAlert> alerts) {
  public SessionRecord {
    Objects.requireNonNull(sessionId);
    Objects.requireNonNull(devId);
    Objects.requireNonNull(script);
    Objects.requireNonNull(started);
    Objects.requireNonNull(ended);
    Objects.requireNonNull(state);
    commands = List.copyOf(commands);
    alerts = List.copyOf(alerts);
  }

  /** The commands with that element name ({@code Get}, {@code Replace}, ...), in sending order. */
  public List<CommandRecord> commands(String element) {
    return commands.stream().filter(c -> c.element().equals(element)).toList();
  }

  /** The first command of that element on that target. */
  public Optional<CommandRecord> command(String element, String target) {
    return commands.stream()
        .filter(c -> c.element().equals(element) && c.targets().contains(target))
        .findFirst();
  }

  /** The value the device returned for {@code uri} in this session, if a Get asked for it. */
  public Optional<ResultItem> result(String uri) {
    return commands.stream()
        .flatMap(c -> c.results().stream())
        .filter(r -> r.uri().equals(uri))
        .reduce((a, b) -> b);
  }

  /** The commands sent but Atomic and Sequence themselves, as a device's report counts them. */
  public int managementCommands() {
    return (int)
        commands.stream()
            .filter(c -> !c.element().equals("Atomic") && !c.element().equals("Sequence"))
            .count();
  }

  public boolean isOver() {
    return state != SessionState.ACTIVE;
  }
}
