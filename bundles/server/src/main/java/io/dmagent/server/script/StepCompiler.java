package io.dmagent.server.script;

import io.dmagent.api.message.Alert;
import io.dmagent.api.message.Atomic;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.CommandName;
import io.dmagent.api.message.Exec;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.ItemCommand;
import io.dmagent.api.message.ItemData;
import io.dmagent.api.message.Locator;
import io.dmagent.api.message.Meta;
import io.dmagent.api.message.Sequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Turns script steps into the commands of a server message, numbering them as they go. */
public final class StepCompiler {
  private StepCompiler() {}

  /** The command for {@code step}; blocks number themselves before their commands. */
  public static Command compile(Step step, Supplier<String> cmdIds) {
    if (step instanceof Step.NodeCommand n) {
      return new ItemCommand(n.name(), cmdIds.get(), false, Optional.empty(), List.of(item(n)));
    }
    if (step instanceof Step.ExecNode e) {
      Item item =
          new Item(
              Optional.of(Locator.of(e.target())),
              Optional.empty(),
              Optional.empty(),
              e.data().map(ItemData::text),
              false);
      return new Exec(cmdIds.get(), false, Optional.empty(), e.correlator(), item);
    }
    if (step instanceof Step.AlertDevice a) {
      return new Alert(cmdIds.get(), false, a.code(), Optional.empty(), alertItems(a));
    }
    if (step instanceof Step.Abort a) {
      List<Item> items = a.reason().map(r -> List.of(Item.data(r))).orElse(List.of());
      return new Alert(cmdIds.get(), false, Alert.SESSION_ABORT, Optional.empty(), items);
    }
    Step.Block b = (Step.Block) step;
    String id = cmdIds.get();
    List<Command> inner = new ArrayList<>();
    for (Step s : b.steps()) {
      inner.add(compile(s, cmdIds));
    }
    return b.kind() == CommandName.ATOMIC
        ? new Atomic(id, false, Optional.empty(), inner)
        : new Sequence(id, false, Optional.empty(), inner);
  }

  /** The one item of a node command, carrying {@code data} in place of the script's value. */
  public static Item item(Step.NodeCommand n, Optional<ItemData> data) {
    Optional<Meta> meta =
        n.format().map(f -> n.type().map(t -> Meta.of(f, t)).orElse(Meta.EMPTY.withFormat(f)));
    return new Item(
        Optional.of(Locator.of(n.target())), n.source().map(Locator::of), meta, data, false);
  }

  private static Item item(Step.NodeCommand n) {
    return item(n, n.value().map(ItemData::text));
  }

  private static List<Item> alertItems(Step.AlertDevice a) {
    List<Item> items = new ArrayList<>();
    boolean userInteraction = a.code() >= Alert.DISPLAY && a.code() <= Alert.MULTIPLE_CHOICE;
    if (userInteraction) {
      // The first item of a UI alert is always its options, empty or not.
      items.add(Item.data(a.options()));
    }
    if (userInteraction || !a.text().isEmpty()) {
      items.add(Item.data(a.text()));
    }
    a.choices().forEach(c -> items.add(Item.data(c)));
    return items;
  }
}
