package io.dmagent.pushmqtt;

import io.dmagent.api.log.WireText;
import io.dmagent.api.mo.OptionalFeature;
import io.dmagent.api.push.PushChannel;
import io.dmagent.api.push.PushReceiver;
import io.dmagent.api.report.ReportChannel;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import java.io.IOException;
import java.net.URI;
import java.util.Set;
import javax.net.SocketFactory;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The MQTT push binding: one broker connection that feeds pushes from the device's push topic to
 * the {@link PushReceiver} and carries sessionless reports to {@code mqtt://} and {@code mqtts://}
 * addresses on the same broker. Its {@link PushChannel} and its {@link OptionalFeature} {@value
 * #FEATURE} are registered while it is subscribed, and withdrawn while the broker is away.
 *
 * <p>Needs a configuration (PID {@value MqttPushConfig#PID}): an agent without a broker has no MQTT
 * binding.
 */
@Component(
    service = ReportChannel.class,
    configurationPid = MqttPushConfig.PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE,
    immediate = true)
@Designate(ocd = MqttPushConfig.class)
public final class MqttPushBinding implements ReportChannel {
  static final String FEATURE = "PushMQTT";
  private static final NodeUri DEV_ID = NodeUri.of("./DevInfo/DevId");

  private final ListeningServices listening;
  private final MqttConnection connection;
  private final ReportPublisher reports;

  @Activate
  public MqttPushBinding(
      BundleContext context,
      MqttPushConfig config,
      @Reference PushReceiver receiver,
      @Reference(
              cardinality = ReferenceCardinality.OPTIONAL,
              policyOption = ReferencePolicyOption.GREEDY)
          DmTree tree,
      @Reference(service = LoggerFactory.class) Logger log)
      throws IOException, MqttException {
    String devId = devId(config, tree);
    Broker broker = Broker.of(config.brokerUri());
    ConnectionSettings settings = settings(config, broker, devId);
    PushForwarder forwarder = new PushForwarder(receiver, log::warn);
    this.listening =
        new ListeningServices(
            context,
            broker.reportUri() + " topic " + settings.pushTopic(),
            "Push over MQTT: server messages published QoS 1 to " + settings.pushTopic());
    this.connection =
        new MqttConnection(settings, forwarder::arrived, listening, log::info, log::warn);
    this.reports =
        new ReportPublisher(
            broker,
            DeviceTopics.expand(config.reportTopic(), devId),
            connection::publish,
            settings.maxInflight(),
            Math.max(1, config.deliveryTimeoutSeconds()) * 1000L);
    connection.start();
  }

  private static String devId(MqttPushConfig config, DmTree tree) throws IOException {
    if (!config.devId().isBlank()) {
      return config.devId().trim();
    }
    if (tree == null) {
      throw new IOException(
          "MQTT push binding: no devId configured and no DM tree to read it from");
    }
    try {
      return tree.operations(Principal.device())
          .get(DEV_ID)
          .value()
          .map(NodeValue::text)
          .orElseThrow(() -> new IOException("MQTT push binding: ./DevInfo/DevId has no value"));
    } catch (DmException e) {
      throw new IOException("MQTT push binding: ./DevInfo/DevId unreadable: " + e.getMessage(), e);
    }
  }

  private static ConnectionSettings settings(MqttPushConfig config, Broker broker, String devId)
      throws IOException {
    SocketFactory sockets =
        broker.tls()
            ? TlsSockets.factory(
                config.trustStore(),
                config.trustStorePassword().toCharArray(),
                config.keyStore(),
                config.keyStorePassword().toCharArray())
            : null;
    return new ConnectionSettings(
        broker,
        DeviceTopics.clientId(config.clientId(), devId),
        config.userName().trim(),
        config.password().toCharArray(),
        sockets,
        DeviceTopics.expand(config.pushTopic(), devId),
        Math.max(0, config.keepAliveSeconds()),
        Math.max(1, config.maxInflight()),
        Math.max(1, config.connectTimeoutSeconds()),
        Math.max(MqttConnection.FIRST_RETRY_MILLIS, config.maxReconnectDelayMillis()));
  }

  @Deactivate
  void deactivate() {
    listening.withdraw();
    connection.close();
  }

  @Override
  public Set<String> schemes() {
    return Set.of("mqtt", "mqtts");
  }

  @Override
  public void deliver(URI destination, String contentType, byte[] message) throws IOException {
    // The report envelope names its own Content-Type; MQTT 3.1.1 has nowhere else to put it.
    reports.deliver(destination, message);
  }

  @Override
  public String toString() {
    return "MqttPushBinding[" + WireText.quote(listening.endpoint()) + "]";
  }
}
