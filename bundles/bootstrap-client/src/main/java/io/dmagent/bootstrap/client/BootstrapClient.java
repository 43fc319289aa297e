package io.dmagent.bootstrap.client;

import io.dmagent.api.account.Accounts;
import io.dmagent.api.bootstrap.BootstrapResult;
import io.dmagent.api.bootstrap.BootstrapSource;
import io.dmagent.api.bootstrap.Bootstrapper;
import io.dmagent.api.bootstrap.ClientInitiatedBootstrap;
import io.dmagent.api.mo.ManagementObject;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@link ClientInitiatedBootstrap} service and the fetches of a fresh gateway: at start, while
 * no DM account exists, the bootstrap servers of {@code ./BootConfig}, of the configuration and (if
 * enabled) the smart card web server are fetched from, in rounds with capped back-off. It waits for
 * the Bootstrap Config MO to be grafted, so that its defaults and entries are there.
 */
@Component(
    service = {ClientInitiatedBootstrap.class, BootstrapClient.class},
    configurationPid = BootstrapClientConfig.PID,
    immediate = true)
@Designate(ocd = BootstrapClientConfig.class)
public final class BootstrapClient implements ClientInitiatedBootstrap {
  /** The smart card web server's bootstrap URL over BIP (DM 1.3 Bootstrap). */
  static final URI SCWS = URI.create("https://127.0.0.1:4116/OMA/DM/Bootstrap.xml");

  private static final NodeUri DEV_ID = NodeUri.of("./DevInfo/DevId");

  private final BootstrapFetcher fetcher;
  private final Supplier<List<URI>> knownServers;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "dm-bootstrap-client");
            t.setDaemon(true);
            return t;
          });

  @Activate
  public BootstrapClient(
      BootstrapClientConfig config,
      BundleContext context,
      @Reference Bootstrapper bootstrapper,
      @Reference DmTree tree,
      @Reference Accounts accounts,
      @Reference(target = "(component.name=io.dmagent.bootstrap.client.BootConfigObject)")
          ManagementObject bootConfigMo,
      @Reference(service = LoggerFactory.class) Logger log)
      throws IOException {
    BootConfigView view = new BootConfigView(tree, config.bootSrvDiscovery(), log::warn);
    view.ensureDefaults();
    this.fetcher =
        new BootstrapFetcher(
            bootstrapper,
            FetchSettings.from(config),
            view,
            () -> devId(tree),
            new FetchMemory(folder(config, context).resolve("fetched.properties")),
            log::info,
            log::warn);
    List<URI> configured =
        configured(
            config.bootstrapServers(),
            config.scws(),
            bad -> log.error("bootstrapServers: {} is not a URL; left out", bad));
    this.knownServers =
        () -> {
          List<URI> all = new ArrayList<>();
          view.servers().forEach(s -> all.add(s.url()));
          all.addAll(configured);
          return all;
        };
    new FetchSchedule(
            fetcher,
            () -> !accounts.all().isEmpty(),
            view::discoveryAllowed,
            knownServers,
            timer,
            Duration.ofMillis(Math.max(1, config.firstBackoffMillis())),
            Duration.ofSeconds(Math.max(1, config.maxBackoffSeconds())),
            log::info)
        .start();
  }

  @Override
  public BootstrapResult fetch(URI bootstrapServer, BootstrapSource source) {
    return fetcher.fetch(bootstrapServer, source);
  }

  /** Every bootstrap server known now: those of ./BootConfig, then the configured ones. */
  public List<URI> servers() {
    return knownServers.get();
  }

  @Deactivate
  void stop() {
    timer.shutdownNow();
  }

  /** The configured servers, then the smart card web server's URL if enabled; bad ones told. */
  static List<URI> configured(String[] servers, boolean scws, Consumer<String> bad) {
    List<URI> urls = new ArrayList<>();
    for (String s : servers) {
      if (s == null || s.isBlank()) {
        continue;
      }
      try {
        urls.add(URI.create(s.trim()));
      } catch (IllegalArgumentException e) {
        bad.accept(s.trim());
      }
    }
    if (scws) {
      urls.add(SCWS);
    }
    return urls;
  }

  private static Optional<String> devId(DmTree tree) {
    try {
      return tree.operations(Principal.device()).get(DEV_ID).value().map(NodeValue::text);
    } catch (DmException e) {
      return Optional.empty();
    }
  }

  private static Path folder(BootstrapClientConfig config, BundleContext context) {
    if (!config.folder().isBlank()) {
      return Path.of(config.folder());
    }
    String data = context.getProperty("dmagent.data");
    return data != null
        ? Path.of(data, "bootstrap-client")
        : context.getDataFile("bootstrap-client").toPath();
  }
}
