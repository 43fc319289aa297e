package io.dmagent.bootstrap;

import io.dmagent.api.bootstrap.BootstrapResult;
import io.dmagent.api.bootstrap.Bootstrapper;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code dm:bootstrap <file>}: applies a bootstrap file as the factory folder would. */
@Component(
    service = BootstrapCommands.class,
    configurationPid = BootstrapConfig.PID,
    property = {"osgi.command.scope=dm", "osgi.command.function=bootstrap"})
public final class BootstrapCommands {
  private final Bootstrapper bootstrapper;
  private final int bound;

  @Activate
  public BootstrapCommands(BootstrapConfig config, @Reference Bootstrapper bootstrapper) {
    this.bootstrapper = bootstrapper;
    this.bound = Math.max(BootstrapSettings.MIN_SIZE, config.maxMessageSize());
  }

  @Descriptor(
      "Applies a bootstrap file as a factory bootstrap: .wbxml/.xml DM profile, .cp.wbxml/.cp.xml"
          + " CP profile; SEC and MAC from <file>.sec if present")
  public String bootstrap(@Descriptor("the bootstrap file") String file) {
    Path path = Path.of(file);
    if (BootstrapFile.contentType(path).isEmpty()) {
      return "not a bootstrap file name (.wbxml, .xml, .cp.wbxml, .cp.xml): " + file;
    }
    try {
      BootstrapResult r = bootstrapper.apply(BootstrapFile.read(path, bound));
      return r.outcome() + ": " + r.reason();
    } catch (IOException e) {
      return "cannot read " + file + ": " + e.getMessage();
    }
  }
}
