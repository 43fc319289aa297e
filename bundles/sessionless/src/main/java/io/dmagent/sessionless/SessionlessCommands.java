package io.dmagent.sessionless;

import io.dmagent.api.account.Accounts;
import io.dmagent.api.message.MessageCodec;
import io.dmagent.api.push.PushContentHandler;
import io.dmagent.api.push.PushMessage;
import io.dmagent.api.push.PushVerdict;
import io.dmagent.api.session.CommandRunner;
import io.dmagent.api.tree.DmTree;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The {@link PushContentHandler} of DM messages: sessionless commands, whatever binding pushed
 * them. Its replay guard lives in {@code ${dmagent.data}/sessionless} (or the bundle's data area,
 * or the configured folder). Wiring only.
 */
@Component(
    service = PushContentHandler.class,
    configurationPid = SessionlessConfig.PID,
    property = {
      PushContentHandler.CONTENT_TYPES + "=application/vnd.syncml.dm+wbxml",
      PushContentHandler.CONTENT_TYPES + "=application/vnd.syncml.dm+xml"
    })
public final class SessionlessCommands implements PushContentHandler {
  private final CommandHandler handler;

  @Activate
  public SessionlessCommands(
      BundleContext context,
      SessionlessConfig config,
      @Reference Accounts accounts,
      @Reference DmTree tree,
      @Reference MessageCodec codec,
      @Reference CommandRunner runner,
      @Reference OutcomeReports reports,
      @Reference(service = LoggerFactory.class) Logger log)
      throws IOException {
    this.handler =
        new CommandHandler(
            accounts,
            codec,
            runner,
            ReplayStore.open(
                folder(context, config), Duration.ofSeconds(Math.max(1, config.windowSeconds()))),
            reports,
            DevId.of(tree),
            config.reportOutcomes(),
            Math.max(1024, config.maxMessageSize()),
            Clock.systemUTC(),
            log::info);
  }

  private static Path folder(BundleContext context, SessionlessConfig config) {
    if (!config.folder().isBlank()) {
      return Path.of(config.folder().trim());
    }
    String data = context.getProperty("dmagent.data");
    return data != null
        ? Path.of(data, "sessionless")
        : context.getDataFile("sessionless").toPath();
  }

  @Override
  public PushVerdict handle(PushMessage message) {
    return handler.handle(message);
  }
}
