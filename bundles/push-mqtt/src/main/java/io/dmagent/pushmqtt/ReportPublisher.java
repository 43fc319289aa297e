package io.dmagent.pushmqtt;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * Publishes sessionless reports QoS 1 over the binding's connection and waits for each PUBACK. Many
 * callers may publish at once (the sessionless sender pipelines): up to the connection's in-flight
 * window are on the wire together, further callers wait for a free slot.
 */
final class ReportPublisher {
  private static final long WINDOW_RETRY_NANOS = 200_000;
  private final Broker broker;
  private final String defaultTopic;
  private final Publisher connection;
  private final Semaphore window;
  private final long timeoutMillis;

  /** The part of the connection reports use. */
  interface Publisher {
    IMqttDeliveryToken publish(String topic, byte[] payload) throws MqttException;
  }

  ReportPublisher(
      Broker broker, String defaultTopic, Publisher connection, int window, long timeoutMillis) {
    this.broker = broker;
    this.defaultTopic = defaultTopic;
    this.connection = connection;
    this.window = new Semaphore(Math.max(1, window));
    this.timeoutMillis = timeoutMillis;
  }

  /**
   * Publishes {@code message} to the topic in {@code destination}'s path (the configured report
   * topic when it has none) and returns when the broker acknowledged it.
   *
   * @throws IOException when the destination names another broker, the connection is down, or no
   *     PUBACK came in time
   */
  void deliver(URI destination, byte[] message) throws IOException {
    String mismatch = broker.mismatch(destination);
    if (mismatch != null) {
      throw new IOException("MQTT report to " + destination + " not sent: " + mismatch);
    }
    String topic = topic(destination);
    try {
      if (!window.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
        throw new IOException("MQTT report to " + topic + " not sent: in-flight window full");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("MQTT report to " + topic + " interrupted");
    }
    try {
      IMqttDeliveryToken token = publishWithinWindow(topic, message);
      token.waitForCompletion(timeoutMillis);
      if (!token.isComplete()) {
        throw new IOException(
            "MQTT report to " + topic + ": no PUBACK in " + timeoutMillis + " ms");
      }
    } catch (MqttException e) {
      throw new IOException("MQTT report to " + topic + " not acknowledged: " + e.getMessage(), e);
    } finally {
      window.release();
    }
  }

  /**
   * Publishes, waiting while Paho's own in-flight count is full. That count lags behind the
   * acknowledgements our callers already saw (Paho 1.2.5 completes a token before its callback
   * thread decrements the count, eclipse/paho.mqtt.java#551), so under load it can reach the window
   * while fewer publishes are really in flight; it catches up within moments.
   */
  private IMqttDeliveryToken publishWithinWindow(String topic, byte[] message)
      throws MqttException, IOException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (true) {
      try {
        return connection.publish(topic, message);
      } catch (MqttException e) {
        if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT
            || System.nanoTime() > deadline) {
          throw e;
        }
        LockSupport.parkNanos(WINDOW_RETRY_NANOS);
        if (Thread.interrupted()) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("MQTT report to " + topic + " interrupted");
        }
      }
    }
  }

  private String topic(URI destination) throws IOException {
    String path = destination.getPath();
    String topic =
        path == null || path.isEmpty() || path.equals("/") ? defaultTopic : path.substring(1);
    if (topic.isEmpty() || topic.contains("+") || topic.contains("#")) {
      throw new IOException("MQTT report to " + destination + " not sent: no topic to publish to");
    }
    return topic;
  }
}
