package io.dmagent.hw.pi4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PinMapTest {
  private final List<String> warnings = new ArrayList<>();

  @Test
  void every_kind_of_entry_parses_with_decimal_and_hex_numbers() {
    PinMap map =
        PinMap.parse(
            "door:17, window:0x16",
            "relay:27",
            "fan:18@1000",
            "sensor:1:0x48:0x00-0x02",
            warnings::add);

    assertThat(map.inputs())
        .containsExactly(new PinMap.InputPin("door", 17), new PinMap.InputPin("window", 22));
    assertThat(map.outputs()).containsExactly(new PinMap.OutputPin("relay", 27));
    assertThat(map.pwm()).containsExactly(new PinMap.PwmPin("fan", 18, 1000));
    assertThat(map.i2c())
        .containsExactly(new PinMap.I2cDevice("sensor", 1, 0x48, List.of(0, 1, 2)));
    assertThat(warnings).isEmpty();
  }

  @Test
  void a_bad_entry_is_left_out_with_one_line_and_the_others_count() {
    PinMap map =
        PinMap.parse(
            "door:17, bad name:3, door:4, other:17",
            "relay",
            "fan:18@0",
            "sensor:1:0x48:0x05-0x01",
            warnings::add);

    assertThat(map.inputs()).containsExactly(new PinMap.InputPin("door", 17));
    assertThat(map.outputs()).isEmpty();
    assertThat(map.pwm()).isEmpty();
    assertThat(map.i2c()).isEmpty();
    assertThat(warnings)
        .containsExactly(
            "inputs entry 'bad name:3' left out: expected name:pin (see the MetaType)",
            "inputs entry 'door' left out: the name is taken",
            "inputs entry 'other' left out: pin 17 is taken",
            "outputs entry 'relay' left out: expected name:pin (see the MetaType)",
            "pwm entry 'fan:18@0' left out: the frequency must be above 0 Hz",
            "i2c entry 'sensor:1:0x48:0x05-0x01' left out: registers are 0x00 to 0xFF, low-high");
  }
}
