package io.dmagent.hw.pi4j;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Which pins of the gateway ./Vendor/DMAgent/GPIO shows, and through which Pi4J platform. */
@ObjectClassDefinition(
    name = "DM Agent GPIO (Pi4J)",
    description =
        "Digital inputs and outputs, PWM channels and I2C registers of the gateway as the management"
            + " object ./Vendor/DMAgent/GPIO. Each list is comma-separated entries name:...; a name is"
            + " the node name (letters, digits, '_' and '-'); numbers are decimal or 0x hex.")
@interface GpioConfig {
  String PID = "io.dmagent.hw.pi4j";

  @AttributeDefinition(
      name = "Platform",
      description =
          "auto: gpiod for digital pins (/dev/gpiochip0), linuxfs for PWM and I2C, when present;"
              + " otherwise the plugin stays idle. mock: Pi4J's mock platform (demo, tests;"
              + " hw:mock-input drives its inputs). gpiod or linuxfs: that provider for digital pins.",
      options = {
        @Option(label = "auto", value = "auto"),
        @Option(label = "mock", value = "mock"),
        @Option(label = "gpiod", value = "gpiod"),
        @Option(label = "linuxfs", value = "linuxfs")
      })
  String platform() default "auto";

  @AttributeDefinition(
      name = "Digital inputs",
      description = "name:pin (BCM numbers), e.g. door:17, window:22",
      required = false)
  String inputs() default "";

  @AttributeDefinition(
      name = "Digital outputs",
      description = "name:pin, e.g. relay:27; outputs start low and are set low on shutdown",
      required = false)
  String outputs() default "";

  @AttributeDefinition(
      name = "PWM channels",
      description = "name:pin@frequency in Hz, e.g. fan:18@1000; channels start with duty cycle 0",
      required = false)
  String pwm() default "";

  @AttributeDefinition(
      name = "I2C devices",
      description =
          "name:bus:address:registers, registers a single one or a range, e.g."
              + " sensor:1:0x48:0x00-0x03",
      required = false)
  String i2c() default "";

  @AttributeDefinition(
      name = "Root ACL",
      description =
          "The ACL ./Vendor/DMAgent/GPIO takes when it is first created: who may read the pins"
              + " and who may drive outputs, PWM and registers (a policy's actions run with its"
              + " owner's rights). Kept afterwards: a server may change it.")
  String rootAcl() default "Get=*&Replace=*";

  @AttributeDefinition(
      name = "PWM chip",
      description = "The sysfs PWM chip of the linuxfs provider (0 on a Pi 4, 2 on a Pi 5)")
  int pwmChip() default 0;

  @AttributeDefinition(
      name = "Input debounce",
      description = "Microseconds an input must hold a level before it counts as changed")
  long debounceMicros() default 10_000;
}
