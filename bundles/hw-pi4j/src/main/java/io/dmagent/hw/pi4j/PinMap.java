package io.dmagent.hw.pi4j;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pins a configuration names, parsed. An entry that does not parse, or reuses a name or a pin,
 * is left out with one line saying why; the others still count.
 */
record PinMap(
    List<InputPin> inputs, List<OutputPin> outputs, List<PwmPin> pwm, List<I2cDevice> i2c) {

  /** A node name a server can type and a URI can carry without escaping. */
  private static final String NAME = "([A-Za-z0-9][A-Za-z0-9_-]{0,31})";

  private static final String NUMBER = "(0x[0-9A-Fa-f]{1,4}|[0-9]{1,5})";
  private static final Pattern PIN = Pattern.compile(NAME + ":" + NUMBER);
  private static final Pattern PWM = Pattern.compile(NAME + ":" + NUMBER + "@" + NUMBER);
  private static final Pattern I2C =
      Pattern.compile(NAME + ":" + NUMBER + ":" + NUMBER + ":" + NUMBER + "(?:-" + NUMBER + ")?");

  record InputPin(String name, int pin) {}

  record OutputPin(String name, int pin) {}

  record PwmPin(String name, int pin, int frequency) {}

  record I2cDevice(String name, int bus, int address, List<Integer> registers) {
    I2cDevice {
      registers = List.copyOf(registers);
    }
  }

  PinMap {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    pwm = List.copyOf(pwm);
    i2c = List.copyOf(i2c);
  }

  static final PinMap NONE = new PinMap(List.of(), List.of(), List.of(), List.of());

  boolean isEmpty() {
    return inputs.isEmpty() && outputs.isEmpty() && pwm.isEmpty() && i2c.isEmpty();
  }

  static PinMap parse(
      String inputs, String outputs, String pwm, String i2c, Consumer<String> warn) {
    Parser p = new Parser(warn);
    List<InputPin> in = new ArrayList<>();
    for (Matcher m : p.entries("inputs", inputs, PIN)) {
      int pin = number(m.group(2));
      if (p.claim("inputs", m.group(1), "pin " + pin)) {
        in.add(new InputPin(m.group(1), pin));
      }
    }
    List<OutputPin> out = new ArrayList<>();
    for (Matcher m : p.entries("outputs", outputs, PIN)) {
      int pin = number(m.group(2));
      if (p.claim("outputs", m.group(1), "pin " + pin)) {
        out.add(new OutputPin(m.group(1), pin));
      }
    }
    List<PwmPin> channels = new ArrayList<>();
    for (Matcher m : p.entries("pwm", pwm, PWM)) {
      int pin = number(m.group(2));
      int frequency = number(m.group(3));
      if (frequency <= 0) {
        warn.accept("pwm entry '" + m.group() + "' left out: the frequency must be above 0 Hz");
      } else if (p.claim("pwm", m.group(1), "pin " + pin)) {
        channels.add(new PwmPin(m.group(1), pin, frequency));
      }
    }
    List<I2cDevice> devices = new ArrayList<>();
    for (Matcher m : p.entries("i2c", i2c, I2C)) {
      int first = number(m.group(4));
      int last = m.group(5) == null ? first : number(m.group(5));
      if (first > last || last > 0xFF) {
        warn.accept("i2c entry '" + m.group() + "' left out: registers are 0x00 to 0xFF, low-high");
        continue;
      }
      int bus = number(m.group(2));
      int address = number(m.group(3));
      if (p.claim("i2c", m.group(1), "device " + bus + ":" + address)) {
        List<Integer> registers = new ArrayList<>();
        for (int r = first; r <= last; r++) {
          registers.add(r);
        }
        devices.add(new I2cDevice(m.group(1), bus, address, registers));
      }
    }
    return new PinMap(in, out, channels, devices);
  }

  static int number(String text) {
    return text.startsWith("0x") ? Integer.parseInt(text.substring(2), 16) : Integer.parseInt(text);
  }

  /** Splits lists and remembers the names and pins taken, per kind of node. */
  private static final class Parser {
    private final Consumer<String> warn;
    private final Set<String> taken = new HashSet<>();

    Parser(Consumer<String> warn) {
      this.warn = warn;
    }

    List<Matcher> entries(String key, String list, Pattern pattern) {
      List<Matcher> matches = new ArrayList<>();
      if (list == null || list.isBlank()) {
        return matches;
      }
      for (String entry : list.split(",")) {
        String e = entry.strip();
        if (e.isEmpty()) {
          continue;
        }
        Matcher m = pattern.matcher(e);
        if (m.matches()) {
          matches.add(m);
        } else {
          warn.accept(
              key + " entry '" + e + "' left out: expected " + syntax(key) + " (see the MetaType)");
        }
      }
      return matches;
    }

    /** Names are unique per list; a pin or device serves one node of any list. */
    boolean claim(String key, String name, String what) {
      if (!taken.add(key + "/" + name)) {
        warn.accept(key + " entry '" + name + "' left out: the name is taken");
        return false;
      }
      if (!taken.add(what)) {
        warn.accept(key + " entry '" + name + "' left out: " + what + " is taken");
        return false;
      }
      return true;
    }

    private static String syntax(String key) {
      return switch (key) {
        case "pwm" -> "name:pin@frequency";
        case "i2c" -> "name:bus:address:register[-register]";
        default -> "name:pin";
      };
    }
  }
}
