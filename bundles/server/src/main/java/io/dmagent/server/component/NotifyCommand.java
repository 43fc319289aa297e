package io.dmagent.server.component;

import io.dmagent.server.notify.NotifyOptions;
import java.util.List;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code dmserver:notify <DevId> [options]}: wakes a device. A Gogo {@link Function} of its own:
 * Gogo finds a command's method by its name, and every Java object has {@code Object.notify()}, so
 * a {@code notify} method on the server would lose to it when no argument is typed (Gogo would call
 * {@code Object.notify()} and fail with IllegalMonitorStateException instead of printing the
 * usage).
 */
@Component(
    service = NotifyCommand.class,
    property = {
      "osgi.command.scope=dmserver",
      "osgi.command.function=notify",
      // What help shows: a Function has no method for Gogo's @Descriptor.
      "dmagent.command.help=Wakes a device: sends it a notification (package #0) over its push",
      "dmagent.command.usage=<DevId> [--binding http|sip|wap|mqtt]"
          + " [--ui background|informative|interactive] [--format 1.2|1.3] [--reason text]"
          + " [--request-mo urn]... [--session hex]"
    })
public final class NotifyCommand implements Function {
  static final String USAGE = "usage: " + NotifyOptions.USAGE;

  /** Sends a notification to a device and says in one line what happened. */
  interface Wake {
    String notify(String devId, List<String> options);
  }

  private final Wake wake;

  @Activate
  public NotifyCommand(@Reference ReferenceServer server) {
    this(server::wake);
  }

  NotifyCommand(Wake wake) {
    this.wake = wake;
  }

  @Override
  public Object execute(CommandSession session, List<Object> arguments) {
    if (arguments.isEmpty()) {
      return USAGE;
    }
    List<String> words = arguments.stream().map(String::valueOf).toList();
    return wake.notify(words.get(0), words.subList(1, words.size()));
  }
}
