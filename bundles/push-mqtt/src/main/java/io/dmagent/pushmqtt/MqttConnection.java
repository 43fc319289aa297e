package io.dmagent.pushmqtt;

import io.dmagent.api.log.WireText;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The one Paho connection of the binding: connects with a persistent session (clean session false,
 * so QoS 1 pushes published while the agent was away are kept by the broker), subscribes QoS 1 to
 * the push topic after every connect, and comes back by itself after a loss or a failed first
 * connect, with a delay doubling from 500 ms to the configured maximum.
 *
 * <p>Reconnection is ours, not Paho's automatic reconnect: Paho 1.2.5 does not retry a first
 * connect that fails, and its reconnect timer survives {@code disconnect} and {@code close}, so a
 * removed bundle would leave a thread trying to connect.
 */
final class MqttConnection implements AutoCloseable {
  static final int FIRST_RETRY_MILLIS = 500;
  private static final long QUIESCE_MILLIS = 500;
  private static final long DISCONNECT_WAIT_MILLIS = 1500;

  /** What the binding learns about the connection; called on Paho's threads. */
  interface Events {
    /** Connected and subscribed to the push topic: pushes flow. */
    void subscribed();

    /** The connection was lost: no pushes until {@link #subscribed()} again. */
    void lost();
  }

  private final ConnectionSettings settings;
  private final MqttAsyncClient client;
  private final MqttConnectOptions options;
  private final BiConsumer<String, byte[]> pushes;
  private final Events events;
  private final Consumer<String> info;
  private final Consumer<String> warn;
  private final ScheduledExecutorService retries;
  private int retryMillis = FIRST_RETRY_MILLIS;
  private boolean everConnected;
  private boolean away;
  private volatile boolean closed;

  MqttConnection(
      ConnectionSettings settings,
      BiConsumer<String, byte[]> pushes,
      Events events,
      Consumer<String> info,
      Consumer<String> warn)
      throws MqttException {
    this.settings = settings;
    this.pushes = pushes;
    this.events = events;
    this.info = info;
    this.warn = warn;
    this.client =
        new MqttAsyncClient(
            settings.broker().pahoUri(), settings.clientId(), new MemoryPersistence());
    this.options = options(settings);
    this.retries =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "dm-push-mqtt reconnect " + settings.clientId());
              t.setDaemon(true);
              return t;
            });
    client.setCallback(new Callback());
  }

  private static MqttConnectOptions options(ConnectionSettings s) {
    MqttConnectOptions o = new MqttConnectOptions();
    o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    o.setCleanSession(false);
    o.setAutomaticReconnect(false);
    o.setKeepAliveInterval(s.keepAliveSeconds());
    o.setMaxInflight(s.maxInflight());
    o.setConnectionTimeout(s.connectTimeoutSeconds());
    if (!s.userName().isEmpty()) {
      o.setUserName(s.userName());
      o.setPassword(s.password());
    }
    if (s.socketFactory() != null) {
      o.setSocketFactory(s.socketFactory());
    }
    return o;
  }

  /** Starts connecting; returns at once. */
  void start() {
    retries.execute(this::attempt);
  }

  boolean isConnected() {
    return client.isConnected();
  }

  /** Publishes QoS 1; the token completes when the PUBACK arrived. */
  IMqttDeliveryToken publish(String topic, byte[] payload) throws MqttException {
    return client.publish(topic, payload, 1, false);
  }

  private void attempt() {
    if (closed) {
      return;
    }
    try {
      client.connect(options, null, new ConnectListener());
    } catch (MqttException e) {
      failed(e);
    }
  }

  private synchronized void failed(Throwable cause) {
    if (closed) {
      return;
    }
    if (!everConnected && !away) {
      away = true;
      warn.accept(
          "MQTT broker "
              + settings.broker().pahoUri()
              + " not reachable ("
              + reason(cause)
              + "): trying again until it is");
    }
    int delay = retryMillis;
    retryMillis =
        Math.min(Math.max(FIRST_RETRY_MILLIS, settings.maxReconnectDelayMillis()), 2 * delay);
    later(delay);
  }

  private synchronized void connected() {
    retryMillis = FIRST_RETRY_MILLIS;
    if (!everConnected) {
      info.accept("MQTT broker " + settings.broker().pahoUri() + " connected");
    } else if (away) {
      info.accept("MQTT broker " + settings.broker().pahoUri() + " connected again");
    }
    everConnected = true;
    away = false;
    subscribe();
  }

  private void subscribe() {
    try {
      client.subscribe(settings.pushTopic(), 1, null, new SubscribeListener());
    } catch (MqttException e) {
      warn.accept("MQTT subscription to " + settings.pushTopic() + " failed: " + reason(e));
    }
  }

  private synchronized void connectionLost(Throwable cause) {
    away = true;
    warn.accept(
        "MQTT broker "
            + settings.broker().pahoUri()
            + " connection lost ("
            + reason(cause)
            + "): reconnecting");
    events.lost();
    later(retryMillis);
  }

  /** Another attempt after {@code delayMillis}, unless the binding is closing. */
  private void later(int delayMillis) {
    try {
      retries.schedule(this::attempt, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closing) {
      // close() shut the executor between our check and this call: no more attempts.
    }
  }

  private static String reason(Throwable cause) {
    if (cause == null) {
      return "no reason given";
    }
    Throwable root = cause.getCause() != null ? cause.getCause() : cause;
    return WireText.quote(String.valueOf(root.getMessage()));
  }

  /** Disconnects after a short quiesce (in-flight acknowledgements finish) and frees Paho. */
  @Override
  public void close() {
    closed = true;
    retries.shutdownNow();
    try {
      if (client.isConnected()) {
        client.disconnect(QUIESCE_MILLIS).waitForCompletion(DISCONNECT_WAIT_MILLIS);
      }
    } catch (MqttException e) {
      forceDisconnect();
    }
    try {
      client.close(true);
    } catch (MqttException e) {
      warn.accept("MQTT client close: " + reason(e));
    }
  }

  private void forceDisconnect() {
    try {
      client.disconnectForcibly(0, DISCONNECT_WAIT_MILLIS);
    } catch (MqttException ignored) {
      // Already down: close follows.
    }
  }

  private final class ConnectListener implements IMqttActionListener {
    @Override
    public void onSuccess(IMqttToken token) {
      connected();
    }

    @Override
    public void onFailure(IMqttToken token, Throwable cause) {
      failed(cause);
    }
  }

  private final class SubscribeListener implements IMqttActionListener {
    @Override
    public void onSuccess(IMqttToken token) {
      int[] granted = token.getGrantedQos();
      if (granted.length == 1 && granted[0] == 0x80) {
        warn.accept("MQTT broker refused the subscription to " + settings.pushTopic());
        return;
      }
      events.subscribed();
    }

    @Override
    public void onFailure(IMqttToken token, Throwable cause) {
      warn.accept("MQTT subscription to " + settings.pushTopic() + " failed: " + reason(cause));
    }
  }

  private final class Callback implements MqttCallbackExtended {
    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      // Handled by the connect listener, which also sees a first connect.
    }

    @Override
    public void connectionLost(Throwable cause) {
      MqttConnection.this.connectionLost(cause);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      try {
        pushes.accept(topic, message.getPayload());
      } catch (RuntimeException e) {
        // An exception here would make Paho drop the connection; the push is lost, not the link.
        warn.accept("MQTT push on " + WireText.quote(topic) + " failed: " + e);
      }
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
      // Reports wait on their own tokens.
    }
  }
}
