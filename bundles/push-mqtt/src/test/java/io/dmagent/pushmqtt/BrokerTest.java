package io.dmagent.pushmqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class BrokerTest {
  @Test
  void default_ports_follow_the_scheme() {
    assertThat(Broker.of("tcp://broker.example"))
        .isEqualTo(new Broker(false, "broker.example", 1883));
    assertThat(Broker.of("ssl://broker.example"))
        .isEqualTo(new Broker(true, "broker.example", 8883));
  }

  @Test
  void broker_uri_other_than_tcp_or_ssl_is_refused() {
    assertThatThrownBy(() -> Broker.of("ws://broker:80"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tcp or ssl");
  }

  @Test
  void report_address_on_the_same_broker_matches() {
    Broker broker = Broker.of("tcp://127.0.0.1:1883");

    assertThat(broker.mismatch(URI.create("mqtt://127.0.0.1/dm/x/reports"))).isNull();
    assertThat(broker.mismatch(URI.create("mqtt://127.0.0.1:1883/dm/x/reports"))).isNull();
  }

  @Test
  void report_address_on_another_port_host_or_security_does_not_match() {
    Broker broker = Broker.of("tcp://127.0.0.1:1883");

    assertThat(broker.mismatch(URI.create("mqtt://127.0.0.1:1884/t"))).contains("another broker");
    assertThat(broker.mismatch(URI.create("mqtt://10.0.0.1:1883/t"))).contains("another broker");
    assertThat(broker.mismatch(URI.create("mqtts://127.0.0.1:1883/t"))).contains("mqtts");
    assertThat(broker.mismatch(URI.create("http://127.0.0.1:1883/t"))).contains("not mqtt");
  }

  @Test
  void device_topic_with_a_wildcard_device_id_is_refused() {
    assertThat(DeviceTopics.expand("dm/{DevId}/push", "IMEI:1")).isEqualTo("dm/IMEI:1/push");
    assertThatThrownBy(() -> DeviceTopics.expand("dm/{DevId}/push", "a/#"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
