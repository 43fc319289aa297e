package io.dmagent.hw.pi4j;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The DDF of ./Vendor/DMAgent/GPIO for the pins a board has open: one permanent node per pin, so
 * grafting creates exactly the configured pins and a server's DDF shows them. Names come from
 * {@link PinMap}'s pattern (letters, digits, '_', '-'), so they cannot break the XML.
 */
final class GpioDdf {
  static final String MO_ID = "urn:x-dmagent:mo:gpio:1.0";

  private final StringBuilder xml = new StringBuilder(4096);

  private GpioDdf() {}

  static byte[] of(Board board) {
    GpioDdf d = new GpioDdf();
    d.xml.append(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE MgmtTree PUBLIC "-//OMA//DTD-DM-DDF 1.2//EN" \
        "http://www.openmobilealliance.org/tech/DTD/DM_DDF-V1_2.dtd">
        <MgmtTree><VerDTD>1.2</VerDTD><Man>DM Agent</Man><Mod>DM Agent gateway</Mod>
        <Node><NodeName>GPIO</NodeName><Path>./Vendor/DMAgent</Path>
        """);
    d.props(
        "node",
        "Get",
        "The gateway's pins through Pi4J: digital inputs and outputs, PWM, I2C",
        MO_ID,
        null);
    d.leaf(
        "Platform", "chr", "Get", "The Pi4J platform in use: mock, gpiod, linuxfs or none", null);
    d.open("Inputs", "Digital inputs; State follows the pin (true: high)");
    if (board != null) {
      board.inputs().keySet().forEach(n -> d.input(n, board.pin("in/" + n).orElse(-1)));
    }
    d.close();
    d.open("Outputs", "Digital outputs; a Replace of State drives the pin");
    if (board != null) {
      board.outputs().keySet().forEach(n -> d.output(n, board.pin("out/" + n).orElse(-1)));
    }
    d.close();
    d.open("PWM", "PWM channels; Replace Frequency (Hz) or DutyCycle (percent) to drive them");
    if (board != null) {
      board.pwm().keySet().forEach(n -> d.pwm(n, board.pin("pwm/" + n).orElse(-1)));
    }
    d.close();
    d.open("I2C", "I2C devices; each register is read from the device on Get, written on Replace");
    if (board != null) {
      board.i2c().keySet().forEach(n -> board.i2cDevice(n).ifPresent(d::i2c));
    }
    d.close();
    d.xml.append("</Node></MgmtTree>\n");
    return d.xml.toString().getBytes(StandardCharsets.UTF_8);
  }

  static String registerName(int register) {
    return String.format(Locale.ROOT, "0x%02X", register);
  }

  private void input(String name, int pin) {
    open(name, "Digital input " + name);
    leaf("Pin", "int", "Get", "BCM pin number", String.valueOf(pin));
    leaf("State", "bool", "Get", "true while the input is high", "false");
    close();
  }

  private void output(String name, int pin) {
    open(name, "Digital output " + name);
    leaf("Pin", "int", "Get", "BCM pin number", String.valueOf(pin));
    leaf("State", "bool", "Get Replace", "true drives the output high, false low", "false");
    close();
  }

  private void pwm(String name, int pin) {
    open(name, "PWM channel " + name);
    leaf("Pin", "int", "Get", "BCM pin number", String.valueOf(pin));
    leaf("Frequency", "int", "Get Replace", "Frequency in Hz, above 0", null);
    leaf("DutyCycle", "float", "Get Replace", "Duty cycle in percent, 0 to 100 (0: off)", "0");
    close();
  }

  private void i2c(PinMap.I2cDevice device) {
    open(device.name(), "I2C device " + device.name());
    leaf("Bus", "int", "Get", "I2C bus number", String.valueOf(device.bus()));
    leaf("Address", "int", "Get", "7-bit device address", String.valueOf(device.address()));
    open("Registers", "The configured registers, named by their number in hex");
    for (int r : device.registers()) {
      leaf(registerName(r), "int", "Get Replace", "Register value, 0 to 255", null);
    }
    close();
    close();
  }

  private void open(String name, String description) {
    xml.append("<Node><NodeName>").append(name).append("</NodeName>");
    props("node", "Get", description, null, null);
  }

  private void close() {
    xml.append("</Node>\n");
  }

  private void leaf(String name, String format, String access, String description, String value) {
    xml.append("<Node><NodeName>").append(name).append("</NodeName>");
    props(format, access, description, null, value);
    xml.append("</Node>\n");
  }

  private void props(String format, String access, String description, String moId, String value) {
    xml.append("<DFProperties><AccessType>");
    for (String a : access.split(" ")) {
      xml.append('<').append(a).append("/>");
    }
    xml.append("</AccessType>");
    if (value != null) {
      xml.append("<DefaultValue>").append(value).append("</DefaultValue>");
    }
    xml.append("<Description>").append(description).append("</Description>");
    xml.append("<DFFormat><").append(format).append("/></DFFormat>");
    xml.append("<Occurrence><One/></Occurrence><Scope><Permanent/></Scope>");
    if (moId != null) {
      xml.append("<DFType><DDFName>").append(moId).append("</DDFName></DFType>");
    } else if (!format.equals("node")) {
      xml.append("<DFType><MIME>text/plain</MIME></DFType>");
    } else {
      xml.append("<DFType><DDFName/></DFType>");
    }
    xml.append("</DFProperties>\n");
  }
}
