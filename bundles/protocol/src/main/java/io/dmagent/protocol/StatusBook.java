package io.dmagent.protocol;

import io.dmagent.api.message.Command;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.Results;
import io.dmagent.api.message.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The answers to one server message, in the order the spec wants them: a Status per command in
 * command order (one per item when a command has several), a container's Status before those of its
 * commands, a Get's Results right after its Status. Commands with NoResp get no Status.
 */
final class StatusBook {
  private final String msgRef;
  private final List<Outgoing> entries = new ArrayList<>();

  StatusBook(String msgRef) {
    this.msgRef = msgRef;
  }

  String msgRef() {
    return msgRef;
  }

  /** A Status for the whole command. */
  void status(Command command, int code) {
    status(command, code, List.of(), List.of(), List.of());
  }

  /** A Status for one item of a command, naming the item's Target and Source. */
  void status(Command command, int code, Item item) {
    status(
        command,
        code,
        item.targetUri().map(List::of).orElse(List.of()),
        item.sourceUri().map(List::of).orElse(List.of()),
        List.of());
  }

  /** A Status carrying items (the answer to a user-interaction alert). */
  void statusWithItems(Command command, int code, List<Item> items) {
    status(command, code, List.of(), List.of(), items);
  }

  private void status(
      Command command, int code, List<String> targets, List<String> sources, List<Item> items) {
    if (command.noResp()) {
      return;
    }
    entries.add(
        Outgoing.of(status(command.cmdId(), command.element(), code, targets, sources, items)));
  }

  Status status(
      String cmdRef,
      String cmd,
      int code,
      List<String> targets,
      List<String> sources,
      List<Item> items) {
    return new Status(
        "0",
        msgRef,
        cmdRef,
        cmd,
        targets,
        sources,
        Optional.empty(),
        Optional.empty(),
        code,
        items);
  }

  /** The Results of a Get, one item per node read. */
  void results(Command get, Item target, List<Item> items) {
    entries.add(
        Outgoing.of(
            new Results(
                "0",
                Optional.of(msgRef),
                get.cmdId(),
                Optional.empty(),
                target.targetUri(),
                Optional.empty(),
                items)));
  }

  /** Any other command of ours (an alert). */
  void add(Outgoing outgoing) {
    entries.add(outgoing);
  }

  /** Keeps a place for a container's Status, whose code is known only after its commands ran. */
  int reserve() {
    entries.add(null);
    return entries.size() - 1;
  }

  void fill(int slot, Command container, int code) {
    entries.set(
        slot,
        container.noResp()
            ? null
            : Outgoing.of(
                status(
                    container.cmdId(),
                    container.element(),
                    code,
                    List.of(),
                    List.of(),
                    List.of())));
  }

  /**
   * Where the next entry goes; with {@link #rewriteSince} an Atomic marks its commands' answers.
   */
  int mark() {
    return entries.size();
  }

  /**
   * After a failed Atomic: every Status written since {@code mark} that reports success becomes 216
   * (rolled back), and Results of what was rolled back are dropped.
   */
  void rewriteSince(int mark, int rolledBack) {
    for (int i = mark; i < entries.size(); i++) {
      Outgoing o = entries.get(i);
      if (o == null) {
        continue;
      }
      if (o.command() instanceof Status s && Commands.succeeded(s.code())) {
        entries.set(
            i,
            Outgoing.of(
                new Status(
                    s.cmdId(),
                    s.msgRef(),
                    s.cmdRef(),
                    s.cmd(),
                    s.targetRefs(),
                    s.sourceRefs(),
                    s.cred(),
                    s.chal(),
                    rolledBack,
                    List.of())));
      } else if (o.command() instanceof Results) {
        entries.set(i, null);
      }
    }
  }

  boolean isEmpty() {
    return entries.stream().allMatch(e -> e == null);
  }

  /** Everything written, in order. */
  List<Outgoing> drain() {
    List<Outgoing> out = new ArrayList<>();
    for (Outgoing o : entries) {
      if (o != null) {
        out.add(o);
      }
    }
    entries.clear();
    return out;
  }
}
