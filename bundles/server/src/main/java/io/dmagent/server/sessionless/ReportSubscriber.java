package io.dmagent.server.sessionless;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttMessageListener;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Takes sessionless reports from an MQTT broker: subscribed at QoS 1 to {@code dm/+/reports}, each
 * message handed to the {@link ReportDesk} before the broker gets its PUBACK (Paho acknowledges
 * when the listener returns). Reconnects by itself and subscribes again.
 */
public final class ReportSubscriber implements AutoCloseable {
  private final MqttClient client;
  private final String topic;
  private final ReportDesk desk;

  private ReportSubscriber(MqttClient client, String topic, ReportDesk desk) {
    this.client = client;
    this.topic = topic;
    this.desk = desk;
  }

  /** Connects to {@code broker} ({@code tcp://host:port}) and subscribes. */
  public static ReportSubscriber start(
      String broker, String topic, ReportDesk desk, Consumer<String> warn) throws MqttException {
    byte[] id = new byte[6];
    new SecureRandom().nextBytes(id);
    MqttClient client =
        new MqttClient(
            broker, "dmserver-reports-" + HexFormat.of().formatHex(id), new MemoryPersistence());
    ReportSubscriber s = new ReportSubscriber(client, topic, desk);
    client.setCallback(
        new MqttCallbackExtended() {
          @Override
          public void connectComplete(boolean reconnect, String serverUri) {
            if (reconnect) {
              try {
                s.subscribe();
              } catch (MqttException e) {
                warn.accept(
                    "reports: subscription to " + topic + " not renewed: " + e.getMessage());
              }
            }
          }

          @Override
          public void connectionLost(Throwable cause) {
            warn.accept("reports: connection to " + broker + " lost, reconnecting");
          }

          @Override
          public void messageArrived(String t, MqttMessage m) {}

          @Override
          public void deliveryComplete(IMqttDeliveryToken token) {}
        });
    MqttConnectOptions options = new MqttConnectOptions();
    options.setAutomaticReconnect(true);
    options.setCleanSession(true);
    options.setConnectionTimeout(10);
    client.connect(options);
    s.subscribe();
    return s;
  }

  private void subscribe() throws MqttException {
    IMqttMessageListener listener = (t, m) -> desk.accept(m.getPayload(), "MQTT " + t);
    client.subscribe(topic, 1, listener);
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect(2000);
      }
      client.close(true);
    } catch (MqttException e) {
      // Closing anyway: the broker drops the session when the socket goes.
    }
  }
}
