package com.acme.gateway.cabinet;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Where the cabinet's temperature comes from: {@code config/com.acme.gateway.cabinet.cfg}. */
@ObjectClassDefinition(
    name = "ACME cabinet",
    description = "The temperature sensor of the gateway's cabinet.")
@interface CabinetConfig {
  String PID = "com.acme.gateway.cabinet";

  @AttributeDefinition(
      name = "Sensor file",
      description =
          "A file holding the temperature in thousandths of a degree Celsius, as a Linux thermal"
              + " zone does.")
  String sensorFile() default "/sys/class/thermal/thermal_zone0/temp";
}
