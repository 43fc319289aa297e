package io.dmagent.hw.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmType;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The pins of one configuration opened on one Pi4J context. A pin the provider refuses (busy, no
 * such line) is left out with one line; the others work. {@link #close()} shuts the context down,
 * which sets outputs to their shutdown level and ends Pi4J's threads.
 */
final class Board implements AutoCloseable {
  private final Context context;
  private final Platform platform;
  private final Map<String, DigitalInput> inputs = new LinkedHashMap<>();
  private final Map<String, DigitalOutput> outputs = new LinkedHashMap<>();
  private final Map<String, Pwm> pwm = new LinkedHashMap<>();
  private final Map<String, I2C> i2c = new LinkedHashMap<>();
  private final Map<String, PinMap.I2cDevice> i2cDevices = new LinkedHashMap<>();
  private final Map<String, Integer> pins = new LinkedHashMap<>();

  private Board(Context context, Platform platform) {
    this.context = context;
    this.platform = platform;
  }

  /**
   * Opens every pin of {@code map}; {@code onInput} hears each input change (name, high) on the
   * provider's thread.
   */
  static Board open(
      Platform platform,
      Context context,
      PinMap map,
      long debounceMicros,
      BiConsumer<String, Boolean> onInput,
      Consumer<String> warn) {
    Board board = new Board(context, platform);
    for (PinMap.InputPin p : map.inputs()) {
      board.openInput(p, debounceMicros, onInput, warn);
    }
    for (PinMap.OutputPin p : map.outputs()) {
      board.openOutput(p, warn);
    }
    for (PinMap.PwmPin p : map.pwm()) {
      board.openPwm(p, warn);
    }
    for (PinMap.I2cDevice d : map.i2c()) {
      board.openI2c(d, warn);
    }
    return board;
  }

  private void openInput(
      PinMap.InputPin p,
      long debounceMicros,
      BiConsumer<String, Boolean> onInput,
      Consumer<String> warn) {
    try {
      DigitalInput in =
          context.create(
              DigitalInput.newConfigBuilder(context)
                  .id("in-" + p.name())
                  .name(p.name())
                  .address(p.pin())
                  .pull(PullResistance.PULL_DOWN)
                  .debounce(debounceMicros)
                  .provider(platform.input)
                  .build());
      in.addListener(e -> onInput.accept(p.name(), e.state() == DigitalState.HIGH));
      inputs.put(p.name(), in);
      pins.put("in/" + p.name(), p.pin());
    } catch (RuntimeException e) {
      warn.accept("input " + p.name() + " on pin " + p.pin() + " not opened: " + e.getMessage());
    }
  }

  private void openOutput(PinMap.OutputPin p, Consumer<String> warn) {
    try {
      DigitalOutput out =
          context.create(
              DigitalOutput.newConfigBuilder(context)
                  .id("out-" + p.name())
                  .name(p.name())
                  .address(p.pin())
                  .initial(DigitalState.LOW)
                  .shutdown(DigitalState.LOW)
                  .provider(platform.output)
                  .build());
      outputs.put(p.name(), out);
      pins.put("out/" + p.name(), p.pin());
    } catch (RuntimeException e) {
      warn.accept("output " + p.name() + " on pin " + p.pin() + " not opened: " + e.getMessage());
    }
  }

  private void openPwm(PinMap.PwmPin p, Consumer<String> warn) {
    try {
      Pwm channel =
          context.create(
              Pwm.newConfigBuilder(context)
                  .id("pwm-" + p.name())
                  .name(p.name())
                  .address(p.pin())
                  .pwmType(PwmType.HARDWARE)
                  .frequency(p.frequency())
                  .dutyCycle(0)
                  .shutdown(0)
                  .provider(platform.pwm)
                  .build());
      pwm.put(p.name(), channel);
      pins.put("pwm/" + p.name(), p.pin());
    } catch (RuntimeException | LinkageError e) {
      warn.accept("PWM " + p.name() + " on pin " + p.pin() + " not opened: " + e.getMessage());
    }
  }

  private void openI2c(PinMap.I2cDevice d, Consumer<String> warn) {
    try {
      I2C device =
          context.create(
              I2C.newConfigBuilder(context)
                  .id("i2c-" + d.name())
                  .name(d.name())
                  .bus(d.bus())
                  .device(d.address())
                  .provider(platform.i2c)
                  .build());
      i2c.put(d.name(), device);
      i2cDevices.put(d.name(), d);
    } catch (RuntimeException | LinkageError e) {
      warn.accept("I2C " + d.name() + " not opened: " + e.getMessage());
    }
  }

  Platform platform() {
    return platform;
  }

  Map<String, DigitalInput> inputs() {
    return inputs;
  }

  Map<String, DigitalOutput> outputs() {
    return outputs;
  }

  Map<String, Pwm> pwm() {
    return pwm;
  }

  Map<String, I2C> i2c() {
    return i2c;
  }

  Optional<PinMap.I2cDevice> i2cDevice(String name) {
    return Optional.ofNullable(i2cDevices.get(name));
  }

  /** The pin of an input, output or PWM channel ({@code in/door}, {@code out/relay}, ...). */
  Optional<Integer> pin(String kindAndName) {
    return Optional.ofNullable(pins.get(kindAndName));
  }

  /**
   * Drives a mock input as if the wire changed: its listeners hear it.
   *
   * @return false when the input does not exist or this is no mock platform
   */
  boolean mockInput(String name, boolean high) {
    if (platform != Platform.MOCK || !(inputs.get(name) instanceof MockDigitalInput in)) {
      return false;
    }
    in.mockState(high ? DigitalState.HIGH : DigitalState.LOW);
    return true;
  }

  boolean isShutdown() {
    return context.isShutdown();
  }

  @Override
  public void close() {
    context.shutdown();
  }
}
