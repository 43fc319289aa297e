package io.dmagent.server.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PushDirectoryTest {
  private final List<String> warnings = new ArrayList<>();

  @Test
  void device_addresses_come_first_then_the_defaults_for_the_binding_asked() {
    PushDirectory d =
        PushDirectory.parse(
            new String[] {"gw-1=sip:udp://10.0.0.5:5060, gw-1=http://10.0.0.5:8088/dm/push"},
            new String[] {"mqtt://127.0.0.1:1883"},
            warnings::add);

    assertThat(d.address("gw-1", Optional.empty()).orElseThrow().binding())
        .isEqualTo(PushBinding.SIP);
    assertThat(d.address("gw-1", Optional.of(PushBinding.HTTP)).orElseThrow().uri())
        .hasToString("http://10.0.0.5:8088/dm/push");
    assertThat(d.address("gw-1", Optional.of(PushBinding.MQTT)).orElseThrow().port())
        .isEqualTo(1883);
    assertThat(d.address("gw-2", Optional.of(PushBinding.WAP))).isEmpty();
    assertThat(d.names("gw-1")).isTrue();
    assertThat(d.names("gw-2")).isFalse();
    assertThat(warnings).isEmpty();
  }

  @Test
  void entries_that_do_not_parse_are_left_out_with_one_warning_each() {
    PushDirectory d =
        PushDirectory.parse(
            new String[] {"no-equals-sign", "gw-1=smtp://10.0.0.5"}, new String[0], warnings::add);

    assertThat(d.names("gw-1")).isFalse();
    assertThat(warnings).hasSize(2);
  }
}
