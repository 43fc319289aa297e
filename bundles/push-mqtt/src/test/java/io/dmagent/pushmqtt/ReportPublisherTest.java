package io.dmagent.pushmqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;

/** What the publisher does with Paho's answers that a real broker cannot be made to give. */
class ReportPublisherTest {
  private static final Broker BROKER = Broker.of("tcp://127.0.0.1:1883");
  private static final URI ADDRESS = URI.create("mqtt://127.0.0.1:1883/dm/IMEI:1/reports");

  /** A delivery token already acknowledged. */
  private static IMqttDeliveryToken acknowledged() {
    return (IMqttDeliveryToken)
        Proxy.newProxyInstance(
            ReportPublisherTest.class.getClassLoader(),
            new Class<?>[] {IMqttDeliveryToken.class},
            (proxy, method, args) -> method.getName().equals("isComplete") ? Boolean.TRUE : null);
  }

  @Test
  void a_full_paho_window_is_waited_out_not_reported_as_a_failure() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    ReportPublisher publisher =
        new ReportPublisher(
            BROKER,
            "dm/IMEI:1/reports",
            (topic, payload) -> {
              if (attempts.incrementAndGet() <= 3) {
                throw new MqttException(MqttException.REASON_CODE_MAX_INFLIGHT);
              }
              return acknowledged();
            },
            10,
            5_000);

    publisher.deliver(ADDRESS, new byte[] {1});

    assertThat(attempts).hasValue(4);
  }

  @Test
  void a_window_that_stays_full_fails_after_the_delivery_timeout() {
    ReportPublisher publisher =
        new ReportPublisher(
            BROKER,
            "dm/IMEI:1/reports",
            (topic, payload) -> {
              throw new MqttException(MqttException.REASON_CODE_MAX_INFLIGHT);
            },
            10,
            50);

    assertThatThrownBy(() -> publisher.deliver(ADDRESS, new byte[] {1}))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not acknowledged");
  }

  @Test
  void an_address_without_a_path_goes_to_the_configured_report_topic() throws Exception {
    StringBuilder published = new StringBuilder();
    ReportPublisher publisher =
        new ReportPublisher(
            BROKER,
            "dm/IMEI:1/reports",
            (topic, payload) -> {
              published.append(topic);
              return acknowledged();
            },
            10,
            1_000);

    publisher.deliver(URI.create("mqtt://127.0.0.1:1883"), new byte[] {1});

    assertThat(published).hasToString("dm/IMEI:1/reports");
  }
}
