package io.dmagent.protocol;

import io.dmagent.api.account.Accounts;
import io.dmagent.api.description.DescriptionCodec;
import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.MessageCodec;
import io.dmagent.api.outbox.Outbox;
import io.dmagent.api.session.AlertService;
import io.dmagent.api.session.GenericAlert;
import io.dmagent.api.session.ManagementSessions;
import io.dmagent.api.session.SessionReport;
import io.dmagent.api.session.SessionRequest;
import io.dmagent.api.session.UserInteraction;
import io.dmagent.api.transport.DmTransport;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.protocol.outbox.AlertFiles;
import io.dmagent.protocol.outbox.AlertOutbox;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The session engine as OSGi services: {@link ManagementSessions} for whoever needs a session and
 * {@link AlertService} on the durable outbox. Wiring only: it assembles the {@link SessionEngine}
 * from the tree, the codecs, the transports and the user interaction it finds, owns the session and
 * exchange threads, and stops them when it is deactivated.
 */
@Component(
    service = {ManagementSessions.class, AlertService.class},
    configurationPid = ProtocolConfig.PID,
    immediate = true)
@Designate(ocd = ProtocolConfig.class)
public final class ProtocolService implements ManagementSessions, AlertService {
  private final List<DmTransport> transports = new CopyOnWriteArrayList<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final ExecutorService exchanges;
  private final SessionManager sessions;
  private final OutboxAlertService alerts;

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile UserInteraction userInteraction;

  @Activate
  public ProtocolService(
      BundleContext context,
      ProtocolConfig config,
      @Reference DmTree tree,
      @Reference Accounts accounts,
      @Reference Outbox store,
      @Reference MessageCodec codec,
      @Reference DescriptionCodec tnds,
      @Reference(service = LoggerFactory.class) Logger log) {
    AlertOutbox outbox = new AlertOutbox(store, log::warn);
    moveAlertFiles(context, outbox, log);
    this.exchanges = Executors.newCachedThreadPool(threads("dmagent-exchange"));
    SessionEngine engine =
        SessionEngine.builder()
            .tree(tree)
            .messageCodec(codec)
            .descriptionCodec(tnds)
            .transports(this::transport)
            .outbox(outbox)
            .userInteraction(() -> userInteraction)
            .settings(settings(config))
            .authenticator(new TreeAuthenticator(accounts, config.authAttempts(), log::info))
            .exchangeExecutor(exchanges)
            .log(log::info)
            .build();
    ScheduledThreadPoolExecutor pool =
        new ScheduledThreadPoolExecutor(
            Math.max(1, config.sessionThreads()), threads("dmagent-session"));
    this.sessions =
        new SessionManager(accounts::find, engine, outbox, pool, () -> listeners, log::info);
    this.alerts = new OutboxAlertService(outbox, sessions, accounts::all, log::warn);
  }

  static SessionSettings settings(ProtocolConfig c) {
    return new SessionSettings(
        c.maxMsgSize(),
        c.maxObjSize(),
        Encoding.valueOf(c.encoding().trim().toUpperCase(Locale.ROOT)),
        c.verProto().trim(),
        Duration.ofSeconds(c.exchangeTimeoutSeconds()),
        c.attempts(),
        Duration.ofSeconds(c.firstBackoffSeconds()),
        Duration.ofSeconds(c.maxBackoffSeconds()),
        c.maxMessages());
  }

  /**
   * Alerts an earlier version left as files in the agent's outbox folder go onto the outbox before
   * any session can run.
   */
  private static void moveAlertFiles(BundleContext context, AlertOutbox outbox, Logger log) {
    String data = context.getProperty("dmagent.data");
    Path folder = data != null ? Path.of(data, "outbox") : context.getDataFile("outbox").toPath();
    try {
      AlertFiles.moveOnto(outbox, folder, log::warn);
    } catch (IOException e) {
      log.warn("alert files of an earlier version not moved onto the outbox: " + e.getMessage());
    }
  }

  private static ThreadFactory threads(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Deactivate
  void stop() {
    sessions.close();
    exchanges.shutdownNow();
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addTransport(DmTransport transport) {
    transports.add(transport);
  }

  void removeTransport(DmTransport transport) {
    transports.remove(transport);
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addListener(Listener listener) {
    listeners.add(listener);
  }

  void removeListener(Listener listener) {
    listeners.remove(listener);
  }

  private Optional<DmTransport> transport(String scheme) {
    return transports.stream().filter(t -> t.schemes().contains(scheme)).findFirst();
  }

  @Override
  public CompletionStage<SessionReport> start(SessionRequest request) {
    return sessions.start(request);
  }

  @Override
  public boolean inSession(String serverId) {
    return sessions.inSession(serverId);
  }

  @Override
  public String queue(GenericAlert alert, Optional<String> serverId) throws DmException {
    return alerts.queue(alert, serverId);
  }

  @Override
  public String queueClientEvent(GenericAlert event, Optional<String> serverId) throws DmException {
    return alerts.queueClientEvent(event, serverId);
  }
}
