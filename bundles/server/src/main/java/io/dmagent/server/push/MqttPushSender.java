package io.dmagent.server.push;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The MQTT push binding: one publish at QoS 1 of a push frame ({@code Content-Type: <mime>}, an
 * empty line, the payload) to {@code dm/<DevId>/push} on the device's broker; the answer is the
 * broker's PUBACK. Each push connects, publishes and disconnects: pushes are rare and a held
 * connection per broker would be one more thing to keep alive.
 */
public final class MqttPushSender implements PushSender {
  private final String topicPattern;
  private final Duration timeout;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param topicPattern the topic, {@code <DevId>} replaced by the device's ({@code
   *     dm/<DevId>/push})
   */
  public MqttPushSender(String topicPattern, Duration timeout) {
    this.topicPattern = topicPattern;
    this.timeout = timeout;
  }

  @Override
  public String send(PushAddress to, String devId, PushPayload payload) throws IOException {
    String topic = topic(devId);
    String broker = "tcp://" + to.uri().getAuthority();
    byte[] id = new byte[6];
    random.nextBytes(id);
    try {
      MqttClient client =
          new MqttClient(
              broker, "dmserver-" + HexFormat.of().formatHex(id), new MemoryPersistence());
      try {
        client.setTimeToWait(timeout.toMillis());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setConnectionTimeout((int) Math.max(1, timeout.toSeconds()));
        options.setCleanSession(true);
        client.connect(options);
        MqttMessage m = new MqttMessage(frame(payload));
        m.setQos(1);
        client.publish(topic, m);
        client.disconnect(timeout.toMillis());
      } finally {
        client.close(true);
      }
    } catch (MqttException e) {
      throw new IOException("MQTT publish to " + broker + " failed: " + e.getMessage(), e);
    }
    return "published QoS 1 to " + topic + " at " + to + ", PUBACK received";
  }

  /** The topic of {@code devId}: the pattern with {@code <DevId>} replaced. */
  public String topic(String devId) {
    if (devId.contains("/") || devId.contains("+") || devId.contains("#")) {
      throw new IllegalArgumentException("a DevId with /, + or # names no single MQTT topic");
    }
    return topicPattern.replace("<DevId>", devId);
  }

  /** The push frame's exact bytes. */
  static byte[] frame(PushPayload payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        ("Content-Type: " + payload.type().mimeType() + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(payload.body());
    return out.toByteArray();
  }
}
