package io.dmagent.api.message;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Add, Replace, Delete, Copy or Get: a command that acts on the nodes its items name, with a Meta
 * that applies to every item that has none of its own. Cred at command level, Lang, Archive and
 * SftDel have no use in DM and are not kept.
 */
public record ItemCommand(
    CommandName name, String cmdId, boolean noResp, Optional<Meta> meta, List<Item> items)
    implements Command {

  private static final Set<CommandName> ITEM_COMMANDS =
      EnumSet.of(
          CommandName.ADD,
          CommandName.REPLACE,
          CommandName.DELETE,
          CommandName.COPY,
          CommandName.GET);

  public ItemCommand {
    if (!ITEM_COMMANDS.contains(name)) {
      throw new IllegalArgumentException(name + " is not an item command");
    }
    Objects.requireNonNull(cmdId);
    Objects.requireNonNull(meta);
    items = List.copyOf(items);
  }

  public static ItemCommand of(CommandName name, String cmdId, Item... items) {
    return new ItemCommand(name, cmdId, false, Optional.empty(), List.of(items));
  }

  @Override
  public String element() {
    return name.element();
  }

  @Override
  public ItemCommand withCmdId(String id) {
    return new ItemCommand(name, id, noResp, meta, items);
  }
}
