package com.acme.gateway.cabinet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CabinetCommandTest {
  @TempDir Path dir;

  @Test
  void prints_the_temperature_and_its_sensor() throws Exception {
    Path file = Files.writeString(dir.resolve("temp"), "27125");

    assertThat(new CabinetCommand(new CabinetSensor(file)).cabinet())
        .isEqualTo("cabinet 27.1 °C (sensor " + file + ")");
  }

  @Test
  void without_a_reading_it_says_why_in_one_error_line() {
    Path file = dir.resolve("missing");

    assertThat(new CabinetCommand(new CabinetSensor(file)).cabinet())
        .isEqualTo("error: no reading from " + file + ": no such file");
  }

  @Test
  void help_says_what_the_command_does() {
    CabinetCommand command = new CabinetCommand(new CabinetSensor(dir.resolve("x")));

    assertThat(command.cabinet("help"))
        .startsWith("acme:cabinet: Shows the temperature of the gateway's cabinet");
    assertThat(command.cabinet("hlep")).startsWith("error: ");
  }
}
