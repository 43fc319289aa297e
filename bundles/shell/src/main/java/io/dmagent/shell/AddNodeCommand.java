package io.dmagent.shell;

import java.util.List;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code dm:add-node <uri> [moType]}: adds an interior node, with its Type (MO identifier) if
 * given. A Gogo {@link Function} of its own, since Gogo finds a command's method by its name and no
 * Java method can be called {@code add-node}.
 */
@Component(
    service = AddNodeCommand.class,
    property = {
      "osgi.command.scope=dm",
      "osgi.command.function=add-node",
      // What dm:help shows: no method can be named add-node for Gogo's @Descriptor.
      "dmagent.command.help=Adds an interior node, with its Type (MO identifier) if given",
      "dmagent.command.usage=<uri> [moType]"
    })
public final class AddNodeCommand implements Function {
  static final String USAGE = "usage: dm:add-node <uri> [moType]";

  private final TreeCommands commands;

  @Activate
  public AddNodeCommand(@Reference TreeCommands commands) {
    this.commands = commands;
  }

  @Override
  public Object execute(CommandSession session, List<Object> arguments) {
    return switch (arguments.size()) {
      case 1 -> commands.addNode(String.valueOf(arguments.get(0)), null);
      case 2 ->
          commands.addNode(String.valueOf(arguments.get(0)), String.valueOf(arguments.get(1)));
      default -> USAGE;
    };
  }
}
