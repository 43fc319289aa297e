package io.dmagent.bootstrap;

import io.dmagent.api.bootstrap.Bootstrapper;
import java.io.IOException;
import java.nio.file.Path;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Watches {@code ${dmagent.home}/config/bootstrap/} (or the configured folder) while the {@link
 * Bootstrapper} is there. Wiring only.
 */
@Component(
    immediate = true,
    service = {},
    configurationPid = BootstrapConfig.PID)
public final class FactoryFolderWatch {
  private final FactoryFolder folder;

  @Activate
  public FactoryFolderWatch(
      BundleContext context,
      BootstrapConfig config,
      @Reference Bootstrapper bootstrapper,
      @Reference(service = LoggerFactory.class) Logger log)
      throws IOException {
    Path dir = folder(context, config);
    this.folder =
        new FactoryFolder(
            dir,
            bootstrapper,
            Math.max(BootstrapSettings.MIN_SIZE, config.maxMessageSize()),
            log::warn);
    folder.start();
    log.info("bootstrap files are taken from " + dir);
  }

  static Path folder(BundleContext context, BootstrapConfig config) {
    if (!config.folder().isBlank()) {
      return Path.of(config.folder().trim());
    }
    String home = context.getProperty("dmagent.home");
    return home != null
        ? Path.of(home, "config", "bootstrap")
        : context.getDataFile("factory").toPath();
  }

  @Deactivate
  void stop() throws IOException {
    folder.close();
  }
}
