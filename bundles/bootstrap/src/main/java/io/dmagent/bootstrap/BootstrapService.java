package io.dmagent.bootstrap;

import io.dmagent.api.bootstrap.BootstrapMessage;
import io.dmagent.api.bootstrap.BootstrapResult;
import io.dmagent.api.bootstrap.BootstrapSource;
import io.dmagent.api.bootstrap.Bootstrapper;
import io.dmagent.api.description.DescriptionCodec;
import io.dmagent.api.log.WireText;
import io.dmagent.api.message.MessageCodec;
import io.dmagent.api.session.ManagementSessions;
import io.dmagent.api.session.SessionRequest;
import io.dmagent.api.tree.DmTree;
import java.io.IOException;
import java.nio.file.Path;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@link Bootstrapper} service: the engine wired to the tree, the codecs, the sessions and its
 * record in {@code ${dmagent.data}/bootstrap} (or the bundle's data area). Wiring only.
 */
@Component(service = Bootstrapper.class, configurationPid = BootstrapConfig.PID)
@Designate(ocd = BootstrapConfig.class)
public final class BootstrapService implements Bootstrapper {
  private final BootstrapEngine engine;

  @Activate
  public BootstrapService(
      BundleContext context,
      BootstrapConfig config,
      @Reference DmTree tree,
      @Reference MessageCodec codec,
      @Reference DescriptionCodec tnds,
      @Reference(
              cardinality = ReferenceCardinality.OPTIONAL,
              policyOption = ReferencePolicyOption.GREEDY)
          ManagementSessions sessions,
      @Reference(service = LoggerFactory.class) Logger log)
      throws IOException {
    this.engine =
        new BootstrapEngine(
            tree,
            codec,
            tnds,
            BootstrapSettings.of(config),
            new Secrets(config.networkSecret(), config.userPin()),
            BootstrapLedger.open(folder(context).resolve("ledger.properties")),
            serverId -> startSession(sessions, serverId, log),
            log::info,
            log::warn);
  }

  private static Path folder(BundleContext context) {
    String data = context.getProperty("dmagent.data");
    return data != null ? Path.of(data, "bootstrap") : context.getDataFile("bootstrap").toPath();
  }

  private static void startSession(ManagementSessions sessions, String serverId, Logger log) {
    if (sessions == null) {
      log.info("no session engine: the session with " + WireText.quote(serverId) + " waits");
      return;
    }
    sessions
        .start(SessionRequest.clientInitiated(serverId))
        .whenComplete(
            (report, failure) -> {
              if (failure != null) {
                log.warn(
                    "session after bootstrap with "
                        + WireText.quote(serverId)
                        + " not started: "
                        + failure.getMessage());
              }
            });
  }

  @Override
  public BootstrapResult apply(BootstrapMessage message) {
    return engine.apply(message);
  }

  @Override
  public BootstrapResult withdraw(BootstrapSource source, String origin) {
    return engine.withdraw(source, origin);
  }
}
