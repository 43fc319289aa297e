package com.acme.gateway.cabinet;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code acme:cabinet}: the cabinet's temperature and where it comes from, on the agent's console;
 * {@code acme:cabinet help} says what the command does. Gogo finds the command by the two service
 * properties alone, so the bundle needs no Gogo import.
 */
@Component(
    service = CabinetCommand.class,
    property = {
      "osgi.command.scope=acme",
      "osgi.command.function=cabinet",
      "dmagent.command.help=" + CabinetCommand.HELP,
      "dmagent.command.usage=acme:cabinet | acme:cabinet help"
    })
public final class CabinetCommand {
  static final String HELP =
      "Shows the temperature of the gateway's cabinet and the sensor it comes from";

  private final CabinetSensor sensor;

  @Activate
  public CabinetCommand(@Reference CabinetSensor sensor) {
    this.sensor = sensor;
  }

  public String cabinet() {
    Reading reading = sensor.read();
    return reading.celsius().isPresent()
        ? "cabinet " + reading.text() + " °C (sensor " + reading.source() + ")"
        : "error: no reading from " + reading.source() + ": " + reading.problem();
  }

  public String cabinet(String argument) {
    return argument.equals("help")
        ? "acme:cabinet: "
            + HELP
            + "\n  acme:cabinet       the temperature now\n"
            + "  acme:cabinet help  this text"
        : "error: acme:cabinet takes no argument but help";
  }
}
