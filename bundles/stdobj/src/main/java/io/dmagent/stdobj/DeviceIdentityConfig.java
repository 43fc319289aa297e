package io.dmagent.stdobj;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Overrides for what DevInfo and DevDetail report. Every value left empty is taken from the gateway
 * itself (device tree, /proc, /etc/os-release, the JVM).
 */
@ObjectClassDefinition(
    name = "DM Agent device identity",
    description =
        "Values reported in ./DevInfo and ./DevDetail; empty means: detect from the gateway.")
@interface DeviceIdentityConfig {
  String PID = "io.dmagent.stdobj";

  @AttributeDefinition(
      name = "DevId",
      description = "Unique device identifier (a URN). Default: board serial or machine id.")
  String devId() default "";

  @AttributeDefinition(name = "Manufacturer", description = "DevInfo/Man.")
  String manufacturer() default "";

  @AttributeDefinition(name = "Model", description = "DevInfo/Mod. Default: the board model.")
  String model() default "";

  @AttributeDefinition(name = "Language", description = "DevInfo/Lang. Default: the JVM's locale.")
  String language() default "";

  @AttributeDefinition(name = "Device type", description = "DevDetail/DevTyp.")
  String deviceType() default "gateway";

  @AttributeDefinition(name = "OEM", description = "DevDetail/OEM. Default: the manufacturer.")
  String oem() default "";

  @AttributeDefinition(name = "Firmware version", description = "DevDetail/FwV. Default: kernel.")
  String firmwareVersion() default "";

  @AttributeDefinition(name = "Software version", description = "DevDetail/SwV. Default: OS.")
  String softwareVersion() default "";

  @AttributeDefinition(name = "Hardware version", description = "DevDetail/HwV. Default: board.")
  String hardwareVersion() default "";
}
