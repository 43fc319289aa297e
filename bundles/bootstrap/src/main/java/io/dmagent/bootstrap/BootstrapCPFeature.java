package io.dmagent.bootstrap;

import io.dmagent.api.bootstrap.Bootstrapper;
import io.dmagent.api.mo.OptionalFeature;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code BootstrapCP}: the Client Provisioning profile (w7), listed in DevDetail while the
 * Bootstrapper runs.
 */
@Component(service = OptionalFeature.class)
public final class BootstrapCPFeature implements OptionalFeature {
  @Activate
  public BootstrapCPFeature(@Reference Bootstrapper bootstrapper) {
    // Only its presence matters.
  }

  @Override
  public String name() {
    return "BootstrapCP";
  }

  @Override
  public String description() {
    return "CP-profile bootstrap: w7 provisioning documents mapped onto DMAcc";
  }
}
