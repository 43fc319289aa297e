package io.dmagent.sessionless;

import io.dmagent.api.account.Accounts;
import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.MessageCodec;
import io.dmagent.api.outbox.Outbox;
import io.dmagent.api.report.ReportChannel;
import io.dmagent.api.report.SessionlessReports;
import io.dmagent.api.session.GenericAlert;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@link SessionlessReports} service: reports go into the outbox, and the sender thread this
 * component owns delivers them over the {@link ReportChannel}s registered (a whiteboard, picked by
 * the report address's scheme). Wiring only; the thread stops when it is deactivated, and what is
 * not delivered stays in the outbox for the next start.
 */
@Component(
    service = {SessionlessReports.class, OutcomeReports.class},
    configurationPid = SessionlessConfig.PID,
    immediate = true)
@Designate(ocd = SessionlessConfig.class)
public final class SessionlessReporting implements SessionlessReports, OutcomeReports {
  private final List<ReportChannel> channels = new CopyOnWriteArrayList<>();
  private final ReportSender sender;
  private final Reporter reporter;
  private final Thread thread;

  @Activate
  public SessionlessReporting(
      SessionlessConfig config,
      Map<String, Object> properties,
      @Reference Outbox outbox,
      @Reference Accounts accounts,
      @Reference DmTree tree,
      @Reference MessageCodec codec,
      @Reference(service = LoggerFactory.class) Logger log) {
    Encoding encoding = Encoding.valueOf(config.reportEncoding().trim().toUpperCase(Locale.ROOT));
    ReportMessages messages =
        new ReportMessages(accounts, codec, DevId.of(tree), encoding, Clock.systemUTC());
    ReportAddresses addresses =
        new ReportAddresses(accounts, tree, ReportAddresses.configured(properties));
    this.sender =
        new ReportSender(
            outbox,
            codec,
            messages,
            addresses::of,
            this::channel,
            config.maxBatch(),
            Duration.ofMillis(Math.max(1, config.firstBackoffMillis())),
            Duration.ofSeconds(Math.max(1, config.maxBackoffSeconds())),
            System::currentTimeMillis,
            log::warn);
    this.reporter = new Reporter(outbox, accounts, codec, sender::wake);
    this.thread = new Thread(sender, "dmagent-sessionless-reports");
    thread.setDaemon(true);
    thread.start();
  }

  @Deactivate
  void stop() throws InterruptedException {
    sender.stop();
    thread.join(5000);
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addChannel(ReportChannel channel) {
    channels.add(channel);
    if (sender != null) {
      sender.wake();
    }
  }

  void removeChannel(ReportChannel channel) {
    channels.remove(channel);
  }

  private Optional<ReportChannel> channel(String scheme) {
    return channels.stream().filter(c -> c.schemes().contains(scheme)).findFirst();
  }

  @Override
  public String report(String serverId, GenericAlert alert) throws DmException {
    return reporter.report(serverId, alert);
  }

  @Override
  public List<String> reportAll(String serverId, List<GenericAlert> alerts) throws DmException {
    return reporter.reportAll(serverId, alerts);
  }

  @Override
  public String reportOutcome(String serverId, String commandSessionId, List<Command> outcome)
      throws DmException {
    return reporter.reportOutcome(serverId, commandSessionId, outcome);
  }
}
