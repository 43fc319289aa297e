package io.dmagent.bootstrap;

import io.dmagent.api.bootstrap.Bootstrapper;
import io.dmagent.api.mo.OptionalFeature;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code BootstrapDM}: the DM profile (mandatory in DM 1.3), listed in DevDetail while the
 * Bootstrapper runs.
 */
@Component(service = OptionalFeature.class)
public final class BootstrapDMFeature implements OptionalFeature {
  @Activate
  public BootstrapDMFeature(@Reference Bootstrapper bootstrapper) {
    // Only its presence matters.
  }

  @Override
  public String name() {
    return "BootstrapDM";
  }

  @Override
  public String description() {
    return "DM-profile bootstrap: signed SyncML messages with TNDS and the Inbox";
  }
}
