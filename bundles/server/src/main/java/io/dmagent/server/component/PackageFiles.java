package io.dmagent.server.component;

import io.dmagent.server.packages.PackageServer;
import io.dmagent.server.tls.DeferredChannels;
import io.dmagent.server.tls.ServerTls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * {@code dmserver:packages [drop <bytes>]}: the package server of {@link PackageConfig} on HTTP
 * and, when a key store is configured, on HTTPS with the same handler and the reference server's
 * TLS channel (set up at the first connection); its one command says where it serves and arms a
 * dropped connection for the next download on either.
 */
@Component(
    service = PackageFiles.class,
    immediate = true,
    configurationPid = PackageConfig.PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE,
    property = {
      "osgi.command.scope=dmserver",
      "osgi.command.function=packages",
      "dmagent.command.help=Where the reference server serves packages; drop arms a dropped download",
      "dmagent.command.usage=[drop <bytes>]"
    })
@Designate(ocd = PackageConfig.class)
public final class PackageFiles {
  private final PackageServer server;
  private final Optional<PackageServer> https;
  private final Path folder;

  @Activate
  public PackageFiles(
      BundleContext context,
      PackageConfig config,
      @Reference(service = LoggerFactory.class) Logger log)
      throws IOException {
    String home = context.getProperty("dmagent.home");
    this.folder = Path.of(home == null ? "." : home).resolve(config.folder());
    this.server =
        new PackageServer(new InetSocketAddress(config.host(), config.port()), folder, log::info);
    this.https = https(config, folder, log);
    dropOnce(config.dropOnceAfterBytes());
    log.info("reference DM server serves the packages of {} at {}", folder, where());
  }

  private static Optional<PackageServer> https(PackageConfig config, Path folder, Logger log)
      throws IOException {
    if (config.keyStore().isBlank()) {
      return Optional.empty();
    }
    Path store = Path.of(config.keyStore().trim());
    char[] password = config.keyStorePassword().toCharArray();
    return Optional.of(
        new PackageServer(
            new InetSocketAddress(config.host(), config.httpsPort()),
            folder,
            new DeferredChannels(
                "https",
                () ->
                    ServerTls.https(
                        ServerTls.load(store, config.keyStoreType(), password), password)),
            log::info));
  }

  private void dropOnce(long bytes) {
    server.dropOnce(bytes);
    https.ifPresent(s -> s.dropOnce(bytes));
  }

  private String where() {
    return server.uri("") + https.map(s -> " and " + s.uri("")).orElse("");
  }

  @Deactivate
  void stop() throws IOException {
    server.close();
    if (https.isPresent()) {
      https.get().close();
    }
  }

  public String packages() {
    return "packages of " + folder + " at " + where();
  }

  public String packages(String action, long bytes) {
    if (!action.equals("drop") || bytes <= 0) {
      return "usage: dmserver:packages [drop <bytes>]";
    }
    dropOnce(bytes);
    return "the next download ends after " + bytes + " bytes";
  }
}
