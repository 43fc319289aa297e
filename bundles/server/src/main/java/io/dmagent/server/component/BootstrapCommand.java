package io.dmagent.server.component;

import io.dmagent.server.bootstrap.BootstrapOptions;
import java.util.List;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code dmserver:bootstrap <DevId> [options]}: makes the bootstrap message giving the device this
 * server's account and keeps it for the device's HTTPS GET; writes it to a file or pushes it over
 * WAP on request. Without arguments it prints its usage.
 */
@Component(
    service = BootstrapCommand.class,
    property = {
      "osgi.command.scope=dmserver",
      "osgi.command.function=bootstrap",
      "dmagent.command.help=Makes a bootstrap message giving a device this server's account",
      "dmagent.command.usage=<DevId> [--out <file>] [--push] [--address <url>] | <DevId> --forget"
    })
public final class BootstrapCommand implements Function {
  /** Runs the command for a device with its options. */
  interface Bootstrap {
    String run(String devId, List<String> options);
  }

  private final Bootstrap bootstrap;

  @Activate
  public BootstrapCommand(@Reference ReferenceServer server) {
    this(server::bootstrap);
  }

  BootstrapCommand(Bootstrap bootstrap) {
    this.bootstrap = bootstrap;
  }

  @Override
  public Object execute(CommandSession session, List<Object> arguments) {
    if (arguments.isEmpty()) {
      return "usage: " + BootstrapOptions.USAGE;
    }
    List<String> words = arguments.stream().map(String::valueOf).toList();
    return bootstrap.run(words.get(0), words.subList(1, words.size()));
  }
}
