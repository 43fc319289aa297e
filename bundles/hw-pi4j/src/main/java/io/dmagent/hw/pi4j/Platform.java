package io.dmagent.hw.pi4j;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.context.ContextBuilder;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalInputProvider;
import com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import com.pi4j.plugin.linuxfs.provider.pwm.LinuxFsPwmProvider;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProvider;
import com.pi4j.plugin.mock.provider.pwm.MockPwmProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The Pi4J providers a platform setting stands for, registered explicitly: Pi4J finds plugins with
 * ServiceLoader, which does not see the plugins embedded in this bundle from pi4j-core's.
 */
enum Platform {
  MOCK("mock-digital-input", "mock-digital-output", "mock-pwm", "mock-i2c"),
  GPIOD("gpiod-digital-input", "gpiod-digital-output", "linuxfs-pwm", "linuxfs-i2c"),
  LINUXFS("linuxfs-digital-input", "linuxfs-digital-output", "linuxfs-pwm", "linuxfs-i2c");

  final String input;
  final String output;
  final String pwm;
  final String i2c;

  Platform(String input, String output, String pwm, String i2c) {
    this.input = input;
    this.output = output;
    this.pwm = pwm;
    this.i2c = i2c;
  }

  /**
   * The platform of a setting; {@code auto} is gpiod where the kernel offers a GPIO character
   * device, linuxfs where only sysfs GPIO is there, and none (empty) elsewhere.
   *
   * @throws IllegalArgumentException for a setting that names no platform
   */
  static Optional<Platform> of(String setting, Path devices, Path sysGpio) {
    String s = setting == null ? "auto" : setting.strip().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "", "auto" -> {
        if (Files.exists(devices.resolve("gpiochip0"))) {
          yield Optional.of(GPIOD);
        }
        yield Files.isDirectory(sysGpio) ? Optional.of(LINUXFS) : Optional.empty();
      }
      case "mock" -> Optional.of(MOCK);
      case "gpiod" -> Optional.of(GPIOD);
      case "linuxfs" -> Optional.of(LINUXFS);
      default -> throw new IllegalArgumentException("unknown platform '" + s + "'");
    };
  }

  /** A Pi4J context with this platform's providers only: no auto-detection, no shutdown hook. */
  Context open(int pwmChip, Consumer<String> warn) {
    ContextBuilder builder = Pi4J.newContextBuilder().noAutoDetect().disableShutdownHook();
    switch (this) {
      case MOCK ->
          builder
              .add(new MockPlatform())
              .add(
                  MockDigitalInputProvider.newInstance(),
                  MockDigitalOutputProvider.newInstance(),
                  MockPwmProvider.newInstance(),
                  MockI2CProvider.newInstance());
      case GPIOD -> {
        builder.add(
            GpioDDigitalInputProvider.newInstance(), GpioDDigitalOutputProvider.newInstance());
        addLinuxFsBuses(builder, pwmChip, warn);
      }
      case LINUXFS -> {
        builder.add(
            LinuxFsDigitalInputProvider.newInstance(), LinuxFsDigitalOutputProvider.newInstance());
        addLinuxFsBuses(builder, pwmChip, warn);
      }
    }
    return builder.build();
  }

  /** PWM and I2C through sysfs and ioctl, which need JNA: without it, digital pins only. */
  private static void addLinuxFsBuses(ContextBuilder builder, int pwmChip, Consumer<String> warn) {
    try {
      builder.add(LinuxFsPwmProvider.newInstance(pwmChip), LinuxFsI2CProvider.newInstance());
    } catch (LinkageError e) {
      warn.accept("PWM and I2C unavailable (the linuxfs provider needs the JNA bundle): " + e);
    }
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
