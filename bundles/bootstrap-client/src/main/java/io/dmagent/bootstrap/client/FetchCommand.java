package io.dmagent.bootstrap.client;

import io.dmagent.api.bootstrap.BootstrapResult;
import io.dmagent.api.bootstrap.BootstrapSource;
import io.dmagent.api.bootstrap.ClientInitiatedBootstrap;
import java.net.URI;
import java.util.List;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code dm:bootstrap-fetch [url]}: fetches a bootstrap message now, from {@code url} or from every
 * bootstrap server the gateway knows, and says in one line per server what came of it. A Gogo
 * {@link Function}: the command's name has a dash, which no Java method can.
 */
@Component(
    service = FetchCommand.class,
    property = {
      "osgi.command.scope=dm",
      "osgi.command.function=bootstrap-fetch",
      "dmagent.command.help=Fetches a bootstrap message from a DM Bootstrap Server now",
      "dmagent.command.usage=[url] (none: every server of ./BootConfig and bootstrapServers)"
    })
public final class FetchCommand implements Function {
  /** The servers to fetch from when no URL is given. */
  interface KnownServers {
    List<URI> all();
  }

  private final ClientInitiatedBootstrap bootstrap;
  private final KnownServers known;

  @Activate
  public FetchCommand(@Reference BootstrapClient client) {
    this(client, client::servers);
  }

  FetchCommand(ClientInitiatedBootstrap bootstrap, KnownServers known) {
    this.bootstrap = bootstrap;
    this.known = known;
  }

  @Override
  public Object execute(CommandSession session, List<Object> arguments) {
    if (arguments.size() > 1) {
      return "usage: dm:bootstrap-fetch [url]";
    }
    List<URI> urls;
    if (arguments.isEmpty()) {
      urls = known.all();
      if (urls.isEmpty()) {
        return "error: no bootstrap server known (bootstrapServers in"
            + " io.dmagent.bootstrap.client.cfg, ./BootConfig/BootSrvInfo)";
      }
    } else {
      try {
        urls = List.of(URI.create(String.valueOf(arguments.get(0))));
      } catch (IllegalArgumentException e) {
        return "error: not a URL; usage: dm:bootstrap-fetch [url]";
      }
    }
    StringBuilder out = new StringBuilder();
    for (URI url : urls) {
      BootstrapResult r = bootstrap.fetch(url, BootstrapSource.BOOTSTRAP_SERVER);
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(url)
          .append(": ")
          .append(r.outcome())
          .append(r.serverIds().isEmpty() ? "" : " " + String.join(", ", r.serverIds()))
          .append(" (")
          .append(r.reason())
          .append(')');
    }
    return out.toString();
  }
}
