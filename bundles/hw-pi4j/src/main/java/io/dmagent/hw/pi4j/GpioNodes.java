package io.dmagent.hw.pi4j;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.pwm.Pwm;
import io.dmagent.api.log.WireText;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.StatusCode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Maps the nodes under the GPIO root to the board's pins: what a Get reads from the hardware, what
 * a Replace drives, which children exist. A node it does not know is left to the tree.
 */
final class GpioNodes {
  private final NodeUri root;
  private final Board board;

  GpioNodes(NodeUri root, Board board) {
    this.root = root;
    this.board = board;
  }

  NodeUri platform() {
    return NodeUri.of(root + "/Platform");
  }

  /** Safe to build from a name: names passed {@link PinMap}'s pattern. */
  static NodeUri inputState(NodeUri root, String name) {
    return NodeUri.of(root + "/Inputs/" + name + "/State");
  }

  /** The path below the root, e.g. [Outputs, relay, State]; empty when not below it. */
  private List<String> below(NodeUri uri) {
    return root.isAncestorOrSelfOf(uri) ? uri.relativeTo(root) : List.of();
  }

  Optional<NodeValue> read(NodeUri uri) {
    List<String> p = below(uri);
    if (board == null || p.size() < 3) {
      return Optional.empty();
    }
    String name = p.get(1);
    String leaf = p.get(2);
    return switch (p.get(0)) {
      case "Inputs" ->
          Optional.ofNullable(board.inputs().get(name))
              .filter(in -> leaf.equals("State"))
              .map(in -> bool(in.state() == DigitalState.HIGH));
      case "Outputs" ->
          Optional.ofNullable(board.outputs().get(name))
              .filter(out -> leaf.equals("State"))
              .map(out -> bool(out.state() == DigitalState.HIGH));
      case "PWM" -> Optional.ofNullable(board.pwm().get(name)).flatMap(pwm -> readPwm(pwm, leaf));
      case "I2C" ->
          p.size() == 4 && leaf.equals("Registers")
              ? Optional.ofNullable(board.i2c().get(name)).map(d -> readRegister(d, p.get(3)))
              : Optional.empty();
      default -> Optional.empty();
    };
  }

  private static Optional<NodeValue> readPwm(Pwm pwm, String leaf) {
    return switch (leaf) {
      case "Frequency" ->
          Optional.of(NodeValue.of(String.valueOf(pwm.frequency()), NodeFormat.INT));
      case "DutyCycle" ->
          Optional.of(
              NodeValue.of(String.valueOf(pwm.isOn() ? pwm.dutyCycle() : 0f), NodeFormat.FLOAT));
      default -> Optional.empty();
    };
  }

  private static NodeValue readRegister(I2C device, String register) {
    int value = device.readRegister(registerNumber(register));
    if (value < 0) {
      throw new IllegalStateException("the device answered " + value);
    }
    return NodeValue.of(String.valueOf(value & 0xFF), NodeFormat.INT);
  }

  /** The configured pins under Inputs, Outputs, PWM or I2C, whatever an earlier one stored. */
  Optional<List<String>> children(NodeUri uri) {
    List<String> p = below(uri);
    if (p.size() != 1) {
      return Optional.empty();
    }
    if (board == null) {
      return Optional.of(List.of());
    }
    return switch (p.get(0)) {
      case "Inputs" -> Optional.of(List.copyOf(board.inputs().keySet()));
      case "Outputs" -> Optional.of(List.copyOf(board.outputs().keySet()));
      case "PWM" -> Optional.of(List.copyOf(board.pwm().keySet()));
      case "I2C" -> Optional.of(List.copyOf(board.i2c().keySet()));
      default -> Optional.empty();
    };
  }

  /** Drives the hardware for a Replace of {@code uri}; throws with the command's status. */
  void write(NodeUri uri, String value) throws DmException {
    List<String> p = below(uri);
    if (board == null || p.size() < 3) {
      return;
    }
    String name = p.get(1);
    String leaf = p.get(2);
    try {
      switch (p.get(0)) {
        case "Outputs" -> {
          DigitalOutput out = board.outputs().get(name);
          if (out != null && leaf.equals("State")) {
            out.state(parseBool(uri, value) ? DigitalState.HIGH : DigitalState.LOW);
          }
        }
        case "PWM" -> {
          Pwm pwm = board.pwm().get(name);
          if (pwm != null) {
            writePwm(uri, pwm, leaf, value);
          }
        }
        case "I2C" -> {
          I2C device = board.i2c().get(name);
          if (device != null && p.size() == 4 && leaf.equals("Registers")) {
            int v = parseInt(uri, value, 0, 255);
            if (device.writeRegister(registerNumber(p.get(3)), (byte) v) < 0) {
              throw new IllegalStateException("the device refused the write");
            }
          }
        }
        default -> {
          // Inputs follow the pin; Pin, Bus and Address are Get-only in the DDF.
        }
      }
    } catch (RuntimeException e) {
      throw new DmException(
          StatusCode.COMMAND_FAILED, "the hardware refused " + uri + ": " + e.getMessage());
    }
  }

  private static void writePwm(NodeUri uri, Pwm pwm, String leaf, String value) throws DmException {
    switch (leaf) {
      case "Frequency" -> {
        int hz = parseInt(uri, value, 1, 100_000_000);
        if (pwm.isOn()) {
          pwm.on(pwm.dutyCycle(), hz);
        } else {
          pwm.frequency(hz);
        }
      }
      case "DutyCycle" -> {
        float duty = parseFloat(uri, value);
        if (duty == 0f) {
          pwm.off();
        } else {
          pwm.on(duty, pwm.frequency());
        }
      }
      default -> {}
    }
  }

  static int registerNumber(String nodeName) {
    return Integer.parseInt(nodeName.substring(2), 16);
  }

  private static NodeValue bool(boolean high) {
    return NodeValue.of(String.valueOf(high), NodeFormat.BOOL);
  }

  private static boolean parseBool(NodeUri uri, String value) throws DmException {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw badValue(uri, value, "true or false");
    };
  }

  private static int parseInt(NodeUri uri, String value, int min, int max) throws DmException {
    try {
      int v = Integer.parseInt(value.strip());
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // Said below, with the range.
    }
    throw badValue(uri, value, "an integer from " + min + " to " + max);
  }

  private static float parseFloat(NodeUri uri, String value) throws DmException {
    try {
      float v = Float.parseFloat(value.strip());
      if (v >= 0f && v <= 100f) {
        return v;
      }
    } catch (NumberFormatException e) {
      // Said below, with the range.
    }
    throw badValue(uri, value, "a percentage from 0 to 100");
  }

  private static DmException badValue(NodeUri uri, String value, String expected) {
    return new DmException(
        StatusCode.BAD_REQUEST, uri + " takes " + expected + ", not " + WireText.quote(value, 40));
  }
}
