package io.dmagent.itest.framework;

import io.dmagent.api.mo.OptionalFeature;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * The whole of a small bundle the discovery test builds and installs: it provides one optional
 * feature, {@value #NAME}, as a bundle of the agent provides a push binding, for as long as it
 * runs. Copied into that bundle's jar on its own, so it uses nothing of this test bundle.
 */
public final class FeatureBundleActivator implements BundleActivator, OptionalFeature {
  static final String NAME = "ItestBinding";

  @Override
  public void start(BundleContext context) {
    context.registerService(OptionalFeature.class, this, null);
  }

  @Override
  public void stop(BundleContext context) {
    // The framework unregisters the service as the bundle stops.
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "A binding installed by the integration tests";
  }
}
