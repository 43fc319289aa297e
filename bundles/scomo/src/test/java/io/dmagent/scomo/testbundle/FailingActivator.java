package io.dmagent.scomo.testbundle;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** The activator of a test bundle whose new version fails to start. */
public final class FailingActivator implements BundleActivator {
  @Override
  public void start(BundleContext context) {
    throw new IllegalStateException("this version is broken");
  }

  @Override
  public void stop(BundleContext context) {}
}
