package io.dmagent.pushmqtt;

import io.dmagent.api.report.ReportChannel;
import java.io.IOException;
import java.net.URI;
import java.util.Set;

/**
 * The MQTT binding's connection and report channel to one broker, built as the binding builds them,
 * for drivers outside this package (the sessionless report driver).
 */
public final class BenchMqtt implements AutoCloseable {
  private final MqttConnection connection;
  private final ReportPublisher publisher;

  private BenchMqtt(MqttConnection connection, ReportPublisher publisher) {
    this.connection = connection;
    this.publisher = publisher;
  }

  /** Connects to {@code tcp://127.0.0.1:port}; reports go to {@code topic} unless addressed. */
  public static BenchMqtt connect(int port, String devId, String topic) throws Exception {
    Broker target = Broker.of("tcp://127.0.0.1:" + port);
    MqttConnection connection =
        new MqttConnection(
            new ConnectionSettings(
                target,
                "dmagent-" + devId,
                "",
                new char[0],
                null,
                "dm/" + devId + "/push",
                60,
                1000,
                10,
                1000),
            (t, payload) -> {},
            new MqttConnection.Events() {
              @Override
              public void subscribed() {}

              @Override
              public void lost() {}
            },
            line -> {},
            System.err::println);
    connection.start();
    for (int i = 0; i < 200 && !connection.isConnected(); i++) {
      Thread.sleep(50);
    }
    if (!connection.isConnected()) {
      throw new IllegalStateException("the binding did not connect to Mosquitto");
    }
    return new BenchMqtt(
        connection, new ReportPublisher(target, topic, connection::publish, 1000, 30_000));
  }

  /** The binding's {@link ReportChannel} for {@code mqtt}. */
  public ReportChannel channel() {
    return new ReportChannel() {
      @Override
      public Set<String> schemes() {
        return Set.of("mqtt");
      }

      @Override
      public void deliver(URI destination, String contentType, byte[] message) throws IOException {
        publisher.deliver(destination, message);
      }
    };
  }

  @Override
  public void close() {
    connection.close();
  }
}
