package io.dmagent.pushmqtt;

import io.dmagent.api.mo.OptionalFeature;
import io.dmagent.api.push.PushChannel;
import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The services that say the binding listens, the {@link PushChannel} and the {@link
 * OptionalFeature} {@code PushMQTT}: registered when the push topic is subscribed, withdrawn when
 * the connection is lost or the binding goes, so the console and DevDetail/Ext show only a binding
 * that can take a push now.
 */
final class ListeningServices implements MqttConnection.Events, PushChannel, OptionalFeature {
  private final BundleContext context;
  private final String endpoint;
  private final String description;
  private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
  private boolean gone;

  ListeningServices(BundleContext context, String endpoint, String description) {
    this.context = context;
    this.endpoint = endpoint;
    this.description = description;
  }

  @Override
  public synchronized void subscribed() {
    if (gone || !registrations.isEmpty()) {
      return;
    }
    registrations.add(context.registerService(PushChannel.class, this, null));
    registrations.add(context.registerService(OptionalFeature.class, this, null));
  }

  @Override
  public synchronized void lost() {
    unregister();
  }

  /** For good: nothing is registered again. */
  synchronized void withdraw() {
    gone = true;
    unregister();
  }

  private void unregister() {
    for (ServiceRegistration<?> r : registrations) {
      try {
        r.unregister();
      } catch (IllegalStateException alreadyGone) {
        // The bundle is stopping: the framework unregistered it first.
      }
    }
    registrations.clear();
  }

  @Override
  public String binding() {
    return PushForwarder.BINDING;
  }

  @Override
  public String endpoint() {
    return endpoint;
  }

  @Override
  public String name() {
    return MqttPushBinding.FEATURE;
  }

  @Override
  public String description() {
    return description;
  }
}
