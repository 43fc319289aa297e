package io.dmagent.hw.smartcard;

import io.dmagent.api.bootstrap.Bootstrapper;
import io.dmagent.api.bootstrap.ClientInitiatedBootstrap;
import io.dmagent.api.log.WireText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
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
 * The smart-card plugin: opens PC/SC ({@code javax.smartcardio}) and starts the {@link
 * ReaderWatcher} that feeds the {@link CardBootstrapper}; deactivated, it stops the watcher.
 * Without a PC/SC library it says so once and stays idle. Wiring only.
 */
@Component(
    service = {},
    configurationPid = SmartCardConfig.PID,
    immediate = true)
@Designate(ocd = SmartCardConfig.class)
public final class SmartCardPlugin {
  private static final int MIN_FILE_SIZE = 1024;

  private final ReaderWatcher watcher;
  private volatile ClientInitiatedBootstrap clientInitiated;

  @Activate
  public SmartCardPlugin(
      BundleContext context,
      SmartCardConfig config,
      @Reference Bootstrapper bootstrapper,
      @Reference(service = LoggerFactory.class) Logger log)
      throws IOException {
    LogLines lines = new LogLines(log::info, log::warn);
    if (!config.enabled()) {
      log.info("Smart card: disabled by configuration " + SmartCardConfig.PID);
      watcher = null;
      return;
    }
    CardBootstrapper cards =
        new CardBootstrapper(
            bootstrapper,
            () -> Optional.ofNullable(clientInitiated),
            new BootstrappedCards(originsFile(context)),
            lines);
    watcher =
        new ReaderWatcher(
                new PcscTerminals(),
                filter(config.readerFilter(), log),
                config.waitMillis(),
                CardReading.pkcs15(Math.max(MIN_FILE_SIZE, config.maxFileSize())),
                cards,
                lines)
            .start();
  }

  private static Pattern filter(String regex, Logger log) {
    try {
      return Pattern.compile(regex.trim());
    } catch (PatternSyntaxException e) {
      log.warn(
          "Smart card: readerFilter "
              + WireText.quote(regex)
              + " is not a regular expression; watching every reader");
      return Pattern.compile("");
    }
  }

  private static Path originsFile(BundleContext context) {
    String data = context.getProperty("dmagent.data");
    Path folder = data != null ? Path.of(data, "hw-smartcard") : context.getDataFile("").toPath();
    return folder.resolve("bootstrapped-cards");
  }

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindClientInitiated(ClientInitiatedBootstrap service) {
    clientInitiated = service;
  }

  void unbindClientInitiated(ClientInitiatedBootstrap service) {
    if (clientInitiated == service) {
      clientInitiated = null;
    }
  }

  @Deactivate
  void close() throws InterruptedException {
    if (watcher != null) {
      watcher.close();
    }
  }
}
