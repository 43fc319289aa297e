package com.acme.gateway.cabinet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CabinetSensorTest {
  @TempDir Path dir;

  private Reading reading(String content) throws Exception {
    Path file = dir.resolve("temp");
    Files.writeString(file, content);
    return new CabinetSensor(file).read();
  }

  @Test
  void thousandths_of_a_degree_read_as_degrees_with_one_decimal() throws Exception {
    assertThat(reading("41537\n").text()).isEqualTo("41.5");
    assertThat(reading("-5250").text()).isEqualTo("-5.3");
  }

  @Test
  void a_file_that_holds_no_number_gives_no_reading_and_says_why() throws Exception {
    Reading r = reading("hot");

    assertThat(r.celsius()).isEmpty();
    assertThat(r.text()).isEmpty();
    assertThat(r.problem()).isEqualTo("not a temperature in thousandths of a degree");
  }

  @Test
  void a_huge_file_is_not_read_to_its_end() throws Exception {
    assertThat(reading("1".repeat(1_000_000)).problem())
        .isEqualTo("not a temperature in thousandths of a degree");
  }

  @Test
  void a_missing_sensor_gives_no_reading() {
    Reading r = new CabinetSensor(dir.resolve("nope")).read();

    assertThat(r.problem()).isEqualTo("no such file");
    assertThat(r.source()).isEqualTo(dir.resolve("nope").toString());
  }
}
