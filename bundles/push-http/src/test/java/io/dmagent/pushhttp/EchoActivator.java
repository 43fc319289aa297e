package io.dmagent.pushhttp;

import io.dmagent.api.push.PushReceiver;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Registers {@link EchoReceiver} as the one {@link PushReceiver}. */
public final class EchoActivator implements BundleActivator {
  @Override
  public void start(BundleContext context) {
    context.registerService(PushReceiver.class, new EchoReceiver(), null);
  }

  @Override
  public void stop(BundleContext context) {}
}
