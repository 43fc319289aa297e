package io.dmagent.server.component;

import io.dmagent.server.packages.PackageServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
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
 * {@code dmserver:packages [drop <bytes>]}: the package server of {@link PackageConfig}, and its
 * one command, which says where it serves and arms a dropped connection for the next download.
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
    server.dropOnce(config.dropOnceAfterBytes());
    log.info("reference DM server serves the packages of {} at {}", folder, server.uri(""));
  }

  @Deactivate
  void stop() throws IOException {
    server.close();
  }

  public String packages() {
    return "packages of " + folder + " at " + server.uri("");
  }

  public String packages(String action, long bytes) {
    if (!action.equals("drop") || bytes <= 0) {
      return "usage: dmserver:packages [drop <bytes>]";
    }
    server.dropOnce(bytes);
    return "the next download ends after " + bytes + " bytes";
  }
}
