package io.dmagent.pushwap;

import io.dmagent.api.log.RefusalLog;
import io.dmagent.api.mo.OptionalFeature;
import io.dmagent.api.push.PushChannel;
import io.dmagent.api.push.PushReceiver;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The WAP push binding while the agent has a {@link PushReceiver}: opens the {@link
 * WapPushListener} and, only once its socket is bound, registers the {@link PushChannel} and the
 * {@link OptionalFeature} {@value #FEATURE}; deactivated (bundle stopped, receiver gone,
 * configuration changed), it withdraws them and closes the socket. Wiring only.
 */
@Component(
    service = {},
    configurationPid = WapPushConfig.PID,
    immediate = true)
@Designate(ocd = WapPushConfig.class)
public final class WapPushBinding {
  static final String FEATURE = "PushWAP";

  private final WapPushListener listener;
  private final List<ServiceRegistration<?>> registrations;
  private final Logger log;

  @Activate
  public WapPushBinding(
      BundleContext context,
      WapPushConfig config,
      @Reference(name = "receiver") PushReceiver receiver,
      @Reference(service = LoggerFactory.class) Logger log)
      throws SocketException {
    this.log = log;
    InetSocketAddress at = new InetSocketAddress(config.bindAddress().trim(), config.port());
    try {
      this.listener =
          WapPushListener.open(
              at,
              receiver,
              RefusalLog.standard(log::warn, java.time.Clock.systemUTC()),
              log::error);
    } catch (SocketException e) {
      log.error("WAP push cannot listen on udp://{}:{}: {}", at.getHostString(), at.getPort(), e);
      throw e;
    }
    String endpoint = listener.endpoint();
    this.registrations =
        List.of(
            context.registerService(PushChannel.class, new Channel(endpoint), null),
            context.registerService(OptionalFeature.class, new Feature(endpoint), null));
    log.info("WAP push listening on {}", endpoint);
  }

  @Deactivate
  void stop() {
    registrations.forEach(ServiceRegistration::unregister);
    listener.close();
    log.info("WAP push stopped listening on {}", listener.endpoint());
  }

  private record Channel(String endpoint) implements PushChannel {
    @Override
    public String binding() {
      return WapPushListener.BINDING;
    }
  }

  private record Feature(String endpoint) implements OptionalFeature {
    @Override
    public String name() {
      return FEATURE;
    }

    @Override
    public String description() {
      return "WAP Push: connectionless WSP push PDUs over UDP on " + endpoint;
    }
  }
}
