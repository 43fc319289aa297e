package io.dmagent.protocol;

import io.dmagent.api.log.WireText;
import io.dmagent.api.message.Alert;
import io.dmagent.api.message.Atomic;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.CommandName;
import io.dmagent.api.message.Exec;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.ItemCommand;
import io.dmagent.api.message.Results;
import io.dmagent.api.message.Sequence;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.UnsupportedCommand;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.api.tree.TreeOperations;
import io.dmagent.api.tree.TreeTransaction;
import java.util.function.Consumer;

/**
 * Runs the server's management commands and writes their answers into a {@link StatusBook}: item
 * commands item by item, Exec, user-interaction alerts, and the containers with their nesting rules
 * (digest 1.3). Atomic runs in one tree transaction: all or nothing, 507 for the Atomic and 216 for
 * the commands rolled back; a Get, Exec or container inside it is illegal (500) and fails it.
 * Sequence runs in order and is 200 once started; a rejected or cancelled user interaction stops it
 * and the rest get 215.
 */
final class CommandProcessor {
  private final DmTree tree;
  private final Principal principal;
  private final TreeOperations operations;
  private final CommandExecutor executor;
  private final UiAlerts ui;
  private final Consumer<String> log;
  private int executed;

  CommandProcessor(
      DmTree tree,
      Principal principal,
      CommandExecutor executor,
      UiAlerts ui,
      Consumer<String> log) {
    this.tree = tree;
    this.principal = principal;
    this.operations = tree.operations(principal);
    this.executor = executor;
    this.ui = ui;
    this.log = log;
  }

  /** How many management commands ran so far (each command of a container counted). */
  int executed() {
    return executed;
  }

  /** Runs a command of the SyncBody. */
  void run(Command command, StatusBook book) {
    run(command, operations, book);
  }

  /**
   * Runs an item command whose one item was reassembled from chunks (a large object): it runs like
   * any other, as a whole.
   */
  int runWhole(ItemCommand command, StatusBook book) {
    return run(command, operations, book);
  }

  /** Runs one command and answers it; returns the code that decides its container's fate. */
  private int run(Command command, TreeOperations ops, StatusBook book) {
    if (command instanceof ItemCommand c) {
      return itemCommand(c, ops, book);
    } else if (command instanceof Exec e) {
      return exec(e, ops, book);
    } else if (command instanceof Alert a) {
      return alert(a, book);
    } else if (command instanceof Atomic a) {
      return atomic(a, book);
    } else if (command instanceof Sequence s) {
      return sequence(s, ops, book);
    } else if (command instanceof UnsupportedCommand u) {
      log.accept("command " + WireText.quote(u.element()) + " is not used in DM: 406");
      book.status(u, StatusCode.OPTIONAL_FEATURE_NOT_SUPPORTED.code());
      return StatusCode.OPTIONAL_FEATURE_NOT_SUPPORTED.code();
    } else {
      // A Status or Results inside a container: not a management command.
      book.status(command, StatusCode.COMMAND_FAILED.code());
      return StatusCode.COMMAND_FAILED.code();
    }
  }

  private int itemCommand(ItemCommand command, TreeOperations ops, StatusBook book) {
    executed++;
    if (command.items().isEmpty()) {
      book.status(command, StatusCode.INCOMPLETE_COMMAND.code());
      return StatusCode.INCOMPLETE_COMMAND.code();
    }
    int worst = StatusCode.OK.code();
    for (Item item : command.items()) {
      CommandExecutor.Outcome outcome =
          item.moreData()
              // A chunk reaches here only inside a container or among other items: a command
              // never spans messages there (digest 6.1).
              ? CommandExecutor.Outcome.of(StatusCode.BAD_REQUEST)
              : executor.run(command, item, ops);
      book.status(command, outcome.code(), item);
      if (command.name() == CommandName.GET && Commands.succeeded(outcome.code())) {
        book.results(command, item, outcome.results());
      }
      if (!Commands.succeeded(outcome.code())) {
        worst = outcome.code();
      }
    }
    return worst;
  }

  private int exec(Exec exec, TreeOperations ops, StatusBook book) {
    executed++;
    int code = executor.exec(exec, ops).code();
    book.status(exec, code, exec.item());
    return code;
  }

  private int alert(Alert alert, StatusBook book) {
    if (UiAlerts.isUserInteraction(alert)) {
      executed++;
      UiAlerts.Answer answer = ui.answer(alert);
      book.statusWithItems(alert, answer.code(), answer.items());
      return answer.code();
    }
    if (alert.code() == Alert.SERVER_INITIATED_MGMT
        || alert.code() == Alert.CLIENT_INITIATED_MGMT
        || alert.code() == Alert.NO_END_OF_DATA) {
      // Nothing to do for the client; AOSP answers a session alert from the server with 200.
      book.status(alert, StatusCode.OK.code());
      return StatusCode.OK.code();
    }
    log.accept("alert " + alert.code() + " from a server is not supported: 406");
    book.status(alert, StatusCode.OPTIONAL_FEATURE_NOT_SUPPORTED.code());
    return StatusCode.OPTIONAL_FEATURE_NOT_SUPPORTED.code();
  }

  private int atomic(Atomic atomic, StatusBook book) {
    int slot = book.reserve();
    if (atomic.commands().isEmpty()) {
      book.fill(slot, atomic, StatusCode.INCOMPLETE_COMMAND.code());
      return StatusCode.INCOMPLETE_COMMAND.code();
    }
    int mark = book.mark();
    boolean failed = false;
    try (TreeTransaction tx = tree.begin(principal)) {
      for (Command c : atomic.commands()) {
        if (failed) {
          notExecuted(c, StatusCode.ATOMIC_ROLL_BACK_OK.code(), book);
        } else if (!allowedInAtomic(c)) {
          log.accept(c.element() + " inside Atomic is not allowed: 500, the Atomic fails");
          notExecuted(c, StatusCode.COMMAND_FAILED.code(), book);
          failed = true;
        } else {
          failed = !Commands.succeeded(run(c, tx, book));
        }
      }
      if (!failed) {
        try {
          tx.commit();
        } catch (DmException e) {
          log.accept("Atomic could not be committed: " + WireText.escape(e.getMessage(), 300));
          failed = true;
        }
      } else {
        tx.rollback();
      }
    }
    if (failed) {
      book.rewriteSince(mark, StatusCode.ATOMIC_ROLL_BACK_OK.code());
      book.fill(slot, atomic, StatusCode.ATOMIC_FAILED.code());
      return StatusCode.ATOMIC_FAILED.code();
    }
    book.fill(slot, atomic, StatusCode.OK.code());
    return StatusCode.OK.code();
  }

  /** Add, Replace, Delete, Copy and Alert; not Get, Exec or a container (digest 1.3). */
  private static boolean allowedInAtomic(Command c) {
    if (c instanceof ItemCommand i) {
      return i.name() != CommandName.GET;
    }
    return c instanceof Alert;
  }

  private int sequence(Sequence sequence, TreeOperations ops, StatusBook book) {
    book.status(sequence, StatusCode.OK.code());
    boolean stopped = false;
    for (Command c : sequence.commands()) {
      if (stopped) {
        notExecuted(c, StatusCode.NOT_EXECUTED.code(), book);
      } else if (c instanceof Sequence || c instanceof Status || c instanceof Results) {
        log.accept(c.element() + " inside Sequence is not allowed: 500");
        notExecuted(c, StatusCode.COMMAND_FAILED.code(), book);
      } else {
        int code = run(c, ops, book);
        if (c instanceof Alert a
            && UiAlerts.isUserInteraction(a)
            && (code == StatusCode.OPERATION_CANCELLED.code() || code == 304)) {
          // A "No" or a cancel stops the Sequence (digest 1.8); the rest is not executed.
          stopped = true;
        }
      }
    }
    return StatusCode.OK.code();
  }

  /** Answers a command that does not run, and every command inside it, with {@code code}. */
  private void notExecuted(Command c, int code, StatusBook book) {
    if (c instanceof Atomic a) {
      book.status(a, code);
      a.commands().forEach(inner -> notExecuted(inner, StatusCode.NOT_EXECUTED.code(), book));
    } else if (c instanceof Sequence s) {
      book.status(s, code);
      s.commands().forEach(inner -> notExecuted(inner, StatusCode.NOT_EXECUTED.code(), book));
    } else if (c instanceof ItemCommand i && i.items().size() > 1) {
      i.items().forEach(item -> book.status(i, code, item));
    } else if (c instanceof ItemCommand i && i.items().size() == 1) {
      book.status(i, code, i.items().get(0));
    } else if (c instanceof Exec e) {
      book.status(e, code, e.item());
    } else {
      book.status(c, code);
    }
  }
}
