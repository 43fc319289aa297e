package com.acme.gateway.cabinet;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Reads the cabinet's temperature from a file in thousandths of a degree ({@code 41500} is 41.5
 * °C), as Linux thermal zones and most 1-Wire drivers publish it. Read on demand: nothing polls.
 */
@Component(service = CabinetSensor.class, configurationPid = CabinetConfig.PID)
@Designate(ocd = CabinetConfig.class)
public final class CabinetSensor {
  /** A sensor file is a number; anything longer is not one. */
  private static final int MAX_BYTES = 32;

  private volatile Path file;

  @Activate
  public CabinetSensor(CabinetConfig config) {
    modified(config);
  }

  /** For tests and plain Java. */
  CabinetSensor(Path file) {
    this.file = file;
  }

  @Modified
  void modified(CabinetConfig config) {
    this.file = Path.of(config.sensorFile());
  }

  Reading read() {
    Path source = file;
    try (InputStream in = Files.newInputStream(source)) {
      String text = new String(in.readNBytes(MAX_BYTES + 1), StandardCharsets.US_ASCII).trim();
      if (text.length() > MAX_BYTES || !text.matches("-?\\d{1,9}")) {
        return Reading.failed(source.toString(), "not a temperature in thousandths of a degree");
      }
      BigDecimal celsius = new BigDecimal(text).movePointLeft(3).setScale(1, RoundingMode.HALF_UP);
      return Reading.of(celsius, source.toString());
    } catch (NoSuchFileException e) {
      return Reading.failed(source.toString(), "no such file");
    } catch (IOException e) {
      return Reading.failed(source.toString(), "unreadable: " + e.getMessage());
    }
  }
}
