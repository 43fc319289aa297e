package io.dmagent.server.component;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.MessageCodec;
import io.dmagent.api.security.AuthScheme;
import io.dmagent.server.DeviceAuth;
import io.dmagent.server.DmServer;
import io.dmagent.server.ServerLog;
import io.dmagent.server.bootstrap.BootstrapAccount;
import io.dmagent.server.bootstrap.BootstrapEncoder;
import io.dmagent.server.bootstrap.BootstrapOptions;
import io.dmagent.server.bootstrap.BootstrapServer;
import io.dmagent.server.notify.NotificationFormat;
import io.dmagent.server.notify.Notifier;
import io.dmagent.server.notify.NotifyException;
import io.dmagent.server.notify.NotifyOptions;
import io.dmagent.server.notify.Package0Encoder;
import io.dmagent.server.push.PushAddress;
import io.dmagent.server.push.PushDirectory;
import io.dmagent.server.push.PushSenders;
import io.dmagent.server.script.Script;
import io.dmagent.server.script.ScriptException;
import io.dmagent.server.sessionless.ReportSubscriber;
import io.dmagent.server.sessionless.SessionlessCommands;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.felix.service.command.Descriptor;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The reference server as an OSGi component, with its console commands: {@code dmserver:devices},
 * {@code dmserver:run <devId> <script>}, {@code dmserver:results <devId>}, {@code dmserver:notify
 * <devId> [options]}, {@code dmserver:push <devId> <script> [--report]}, {@code dmserver:reports
 * [devId]} ({@code notify} is {@link NotifyCommand}). A configuration change restarts it (records
 * are kept in memory only; the nonces of authenticated devices in a file).
 */
@Component(
    service = ReferenceServer.class,
    immediate = true,
    configurationPid = ServerConfig.PID,
    property = {
      "osgi.command.scope=dmserver",
      "osgi.command.function=devices",
      "osgi.command.function=run",
      "osgi.command.function=results",
      "osgi.command.function=alerts",
      "osgi.command.function=push",
      "osgi.command.function=reports"
    })
@Designate(ocd = ServerConfig.class)
public final class ReferenceServer {
  private final DmServer server;
  private final Logger log;
  private final Notifier notifier;
  private final SessionlessCommands sessionless;
  private final NotificationFormat defaultFormat;
  private final Optional<ReportSubscriber> reportSubscriber;
  private final BootstrapServer bootstrap;

  @Activate
  public ReferenceServer(
      ServerConfig config,
      BundleContext context,
      @Reference MessageCodec codec,
      @Reference(service = LoggerFactory.class) Logger log)
      throws IOException {
    this.log = log;
    DmServer.Builder b =
        DmServer.builder(codec)
            .host(config.host())
            .port(config.port())
            .path(config.path())
            .serverId(config.serverId())
            .maxMsgSize(config.maxMsgSize())
            .sessionTimeout(Duration.ofSeconds(config.sessionTimeoutSeconds()))
            .maxConnections(config.maxConnections())
            .maxPerAddress(Math.min(config.maxConnectionsPerAddress(), config.maxConnections()))
            .headDeadline(Duration.ofSeconds(config.headDeadlineSeconds()))
            .defaultScriptName(config.defaultScript())
            .nonceFile(nonceFile(context))
            .log(ServerLog.of(log::info, log::warn));
    deviceAuth(config, log).ifPresent(b::auth);
    io.dmagent.server.delegation.PeerKeys.parse(config.delegationPeers(), log::warn)
        .forEach(b::peer);
    if (!config.scriptFolder().isBlank()) {
      b.scriptFolder(Path.of(config.scriptFolder()));
    }
    try {
      b.channels(ChannelSetup.channels(config, log::info, log::warn));
    } catch (GeneralSecurityException | IOException e) {
      log.error(
          "reference DM server not started: its {} channel cannot be set up: {}",
          config.security(),
          e.getMessage());
      throw new IOException("channel setup failed", e);
    }
    try {
      this.server = b.start();
    } catch (IOException e) {
      log.error(
          "reference DM server cannot listen on {}:{}: {}",
          config.host(),
          config.port(),
          e.getMessage());
      throw e;
    }
    log.info("reference DM server listening at {} as {}", server.uri(), server.serverId());
    PushDirectory directory =
        PushDirectory.parse(config.pushAddresses(), config.defaultPushAddresses(), log::warn);
    Duration timeout = Duration.ofSeconds(config.pushTimeoutSeconds());
    PushSenders senders = new PushSenders(server.serverId(), config.mqttPushTopic(), timeout);
    this.defaultFormat =
        NotificationFormat.named(config.notificationFormat()).orElse(NotificationFormat.DM12);
    this.notifier =
        new Notifier(
            server.serverId(),
            server.credentials(),
            directory,
            senders,
            new Package0Encoder(
                "LAST".equalsIgnoreCase(config.dm13DigestPlace())
                    ? Package0Encoder.DigestPlace.LAST
                    : Package0Encoder.DigestPlace.FIRST),
            log::info);
    this.sessionless =
        new SessionlessCommands(
            server.serverId(),
            codec,
            "XML".equalsIgnoreCase(config.sessionlessEncoding()) ? Encoding.XML : Encoding.WBXML,
            server.credentials(),
            directory,
            senders,
            Clock.systemUTC());
    this.reportSubscriber = reportSubscriber(config, server, log);
    this.bootstrap = bootstrapServer(config, codec, server, directory);
  }

  /** The server as DM Bootstrap Server: the account it gives is the one devices use with it. */
  private static BootstrapServer bootstrapServer(
      ServerConfig config, MessageCodec codec, DmServer server, PushDirectory directory) {
    String type = config.clientAuthType() == null ? "" : config.clientAuthType().trim();
    Function<URI, BootstrapAccount> account =
        address ->
            new BootstrapAccount(
                server.serverId().replaceAll("[^A-Za-z0-9_-]", "_"),
                server.serverId(),
                address,
                type.isEmpty() ? Optional.empty() : Optional.of(type),
                nonNull(config.clientName()),
                nonNull(config.clientSecret()),
                nonNull(config.serverSecret()));
    String address = nonNull(config.bootstrapAddress()).trim();
    return new BootstrapServer(
        new BootstrapEncoder(codec),
        server.bootstrapDesk(),
        account,
        address.isEmpty() ? server.uri() : URI.create(address),
        nonNull(config.bootstrapPin()),
        directory);
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }

  /** The MQTT subscription for reports, if a broker is configured; a broker down is logged. */
  private static Optional<ReportSubscriber> reportSubscriber(
      ServerConfig config, DmServer server, Logger log) {
    if (config.reportBroker() == null || config.reportBroker().isBlank()) {
      return Optional.empty();
    }
    try {
      PushAddress broker = PushAddress.parse(config.reportBroker());
      String url = "tcp://" + broker.uri().getAuthority();
      ReportSubscriber s =
          ReportSubscriber.start(url, config.reportTopic(), server.reportDesk(), log::warn);
      log.info(
          "reference DM server takes sessionless reports from {} at {}", url, config.reportTopic());
      return Optional.of(s);
    } catch (IllegalArgumentException | MqttException e) {
      log.error(
          "reference DM server takes no reports over MQTT: broker {} not usable: {}",
          config.reportBroker(),
          e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Where the nonces of authenticated devices outlive a restart (else every restart of the demo
   * would begin with a 401): beside the agent's other state in {@code dmagent.data}, or in the
   * bundle's data area.
   */
  static Path nonceFile(BundleContext context) {
    String data = context.getProperty("dmagent.data");
    return data != null
        ? Path.of(data, "server", "nonces.properties")
        : context.getDataFile("nonces.properties").toPath();
  }

  /** The credentials every device must present, if the configuration asks for any. */
  static Optional<DeviceAuth> deviceAuth(ServerConfig config, Logger log) {
    String type = config.clientAuthType() == null ? "" : config.clientAuthType().trim();
    if (type.isEmpty()) {
      log.warn("reference DM server asks devices for no credentials (clientAuthType empty)");
      return Optional.empty();
    }
    Optional<AuthScheme> scheme = AuthScheme.fromAAuthType(type);
    if (scheme.isEmpty()) {
      log.error("reference DM server: clientAuthType {} unknown; devices are asked for none", type);
      return Optional.empty();
    }
    String serverSecret = config.serverSecret() == null ? "" : config.serverSecret();
    return Optional.of(
        new DeviceAuth(
            scheme.get(),
            config.clientName(),
            config.clientSecret() == null ? "" : config.clientSecret(),
            serverSecret.isEmpty() ? Optional.empty() : scheme,
            serverSecret));
  }

  @Deactivate
  void stop() {
    reportSubscriber.ifPresent(ReportSubscriber::close);
    server.close();
  }

  @Descriptor("Lists the devices the server knows, with their last session")
  public String devices() {
    return ConsoleText.devices(server.devices());
  }

  @Descriptor("Queues a script of the script folder for the device's next session")
  public String run(
      @Descriptor("the device's DevId") String devId,
      @Descriptor("script name (<name>.dms in the script folder)") String script) {
    try {
      Script s = server.script(script);
      server.queue(devId, s);
      String queued =
          "script "
              + s.name()
              + " ("
              + s.commandCount()
              + " commands) queued: it runs in the next session of "
              + devId;
      if (s.wake().isEmpty()) {
        return queued;
      }
      return queued
          + "\n"
          + notifier.notify(devId, NotifyOptions.parse(s.wake().get(), defaultFormat));
    } catch (ScriptException | NotifyException e) {
      return "error: " + e.getMessage();
    }
  }

  /**
   * Wakes a device: a notification (package #0) over its push binding, with the options of {@code
   * dmserver:notify}; one line saying what was sent, or what is wrong.
   */
  public String wake(String devId, List<String> options) {
    NotifyOptions parsed;
    try {
      parsed = NotifyOptions.parse(options, defaultFormat);
    } catch (IllegalArgumentException e) {
      return "error: " + e.getMessage() + "; usage: " + NotifyOptions.USAGE;
    }
    try {
      return notifier.notify(devId, parsed);
    } catch (NotifyException e) {
      return "error: " + e.getMessage();
    }
  }

  /**
   * Makes the bootstrap message giving {@code devId} this server's account (options of {@code
   * dmserver:bootstrap}); one line per thing done, or what is wrong.
   */
  public String bootstrap(String devId, List<String> options) {
    try {
      return bootstrap.run(devId, BootstrapOptions.parse(options));
    } catch (IllegalArgumentException e) {
      return "error: " + e.getMessage() + "; usage: " + BootstrapOptions.USAGE;
    } catch (IOException | IllegalStateException e) {
      return "error: " + e.getMessage();
    }
  }

  @Descriptor("Sends a script of the script folder as a sessionless command over the device's push")
  public String push(
      @Descriptor("the device's DevId") String devId,
      @Descriptor("script name (<name>.dms in the script folder)") String script,
      @Descriptor("[--report] [--binding http|sip|wap|mqtt]") String... options) {
    return PushCommand.run(devId, script, List.of(options), server::script, sessionless);
  }

  @Descriptor("Lists the sessionless reports received (id, device, alert, data, time)")
  public String reports() {
    return ConsoleText.reports(server.reports());
  }

  @Descriptor("Lists the sessionless reports received from one device")
  public String reports(@Descriptor("the device's DevId") String devId) {
    return ConsoleText.reports(
        server.reports().stream().filter(r -> r.devId().equals(devId)).toList());
  }

  @Descriptor(
      "Lists the alerts the device sent in the sessions the server keeps (its last 20), by session")
  public String alerts(@Descriptor("the device's DevId") String devId) {
    return server
        .device(devId)
        .map(ConsoleText::alerts)
        .orElse("error: no device " + devId + " (dmserver:devices lists them)");
  }

  @Descriptor("Shows the last session with the device: each command with its status and results")
  public String results(@Descriptor("the device's DevId") String devId) {
    return server
        .device(devId)
        .map(ConsoleText::results)
        .orElse("error: no device " + devId + " (dmserver:devices lists them)");
  }
}
