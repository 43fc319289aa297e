package io.dmagent.pushsip;

import io.dmagent.api.mo.OptionalFeature;
import io.dmagent.api.push.PushChannel;
import io.dmagent.api.push.PushReceiver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
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
 * The SIP push binding: binds its UDP and TCP sockets when activated, then registers its {@link
 * PushChannel} and the {@link OptionalFeature} {@code PushSIP}; deactivated (configuration changed,
 * receiver gone, bundle stopped) it unregisters them first, then closes the sockets and ends its
 * threads, so the port is free when it returns. Wiring only.
 */
@Component(
    service = {},
    configurationPid = SipConfig.PID,
    immediate = true)
@Designate(ocd = SipConfig.class)
public final class SipPushListener {
  static final String FEATURE = "PushSIP";
  private static final int REFUSALS_PER_SECOND = 20;

  private final List<AutoCloseable> listeners = new ArrayList<>();
  private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
  private final Logger log;

  @Activate
  public SipPushListener(
      BundleContext context,
      SipConfig config,
      @Reference PushReceiver receiver,
      @Reference(service = LoggerFactory.class) Logger log)
      throws Exception {
    this.log = log;
    InetSocketAddress address = new InetSocketAddress(config.address().trim(), config.port());
    int maxMessageSize = Math.max(512, config.maxMessageSize());
    // One budget for the binding's refusals: a flood of bad requests logs 20 lines a second.
    Consumer<String> refusals = new LogBudget(log::warn, REFUSALS_PER_SECOND, System::nanoTime);
    SipRequestHandler handler =
        new SipRequestHandler(receiver, Math.max(0, config.retryAfterSeconds()), refusals);
    List<String> endpoints = new ArrayList<>();
    try {
      if (config.udp()) {
        UdpListener udp =
            new UdpListener(
                address,
                new DatagramRequests(handler, maxMessageSize, refusals),
                maxMessageSize,
                log::warn);
        listeners.add(udp);
        endpoints.add(udp.endpoint());
      }
      if (config.tcp()) {
        int idleMillis = Math.max(1, config.idleTimeoutSeconds()) * 1000;
        TcpListener tcp =
            new TcpListener(
                address,
                socket -> new TcpConnection(socket, handler, maxMessageSize, idleMillis, refusals),
                config.maxConnections(),
                refusals);
        listeners.add(tcp);
        endpoints.add(tcp.endpoint());
      }
    } catch (IOException e) {
      close();
      throw new IOException("SIP push binding cannot listen on " + address + ": " + e, e);
    }
    if (endpoints.isEmpty()) {
      log.warn("SIP push binding: neither UDP nor TCP is on, nothing listens");
      return;
    }
    register(context, String.join(" ", endpoints));
    log.info(
        "SIP push binding listening on " + endpoints.stream().collect(Collectors.joining(", ")));
  }

  private void register(BundleContext context, String endpoint) {
    PushChannel channel =
        new PushChannel() {
          @Override
          public String binding() {
            return SipRequestHandler.BINDING;
          }

          @Override
          public String endpoint() {
            return endpoint;
          }
        };
    OptionalFeature feature =
        new OptionalFeature() {
          @Override
          public String name() {
            return FEATURE;
          }

          @Override
          public String description() {
            return "Push over SIP: MESSAGE or NOTIFY (Event: dm-push) on " + endpoint;
          }
        };
    registrations.add(context.registerService(PushChannel.class, channel, null));
    registrations.add(context.registerService(OptionalFeature.class, feature, null));
  }

  @Deactivate
  void close() throws InterruptedException {
    registrations.forEach(ServiceRegistration::unregister);
    registrations.clear();
    for (AutoCloseable listener : listeners) {
      try {
        listener.close();
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        log.warn("SIP push binding: closing " + listener + ": " + e);
      }
    }
    listeners.clear();
  }
}
