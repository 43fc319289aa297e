package io.dmagent.bootstrap.client;

import io.dmagent.api.bootstrap.ClientInitiatedBootstrap;
import io.dmagent.api.mo.OptionalFeature;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code BootstrapClientInitiated}: while the gateway can fetch its bootstrap by HTTPS GET. */
@Component(service = OptionalFeature.class)
public final class ClientInitiatedFeature implements OptionalFeature {
  @Activate
  public ClientInitiatedFeature(@Reference ClientInitiatedBootstrap bootstrap) {
    // Only its presence matters.
  }

  @Override
  public String name() {
    return "BootstrapClientInitiated";
  }

  @Override
  public String description() {
    return "Client-initiated bootstrap: HTTPS GET from a DM Bootstrap Server, the Bootstrap Config"
        + " MO at ./BootConfig";
  }
}
