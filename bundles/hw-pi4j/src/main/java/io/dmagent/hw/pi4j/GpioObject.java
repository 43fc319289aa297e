package io.dmagent.hw.pi4j;

import io.dmagent.api.mo.ManagementObject;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * {@code ./Vendor/DMAgent/GPIO} ({@value GpioDdf#MO_ID}): the pins of the configuration as nodes.
 * Values are read from the hardware on Get; a Replace of an output's State, a PWM channel's
 * Frequency or DutyCycle, or an I2C register drives the hardware before the tree commits, and a
 * failure there is the command's status. An input change is written into the tree as the device, so
 * {@code TreeChangeListener}s (the policy engine) hear of it as of any change.
 */
@Component(
    service = {ManagementObject.class, GpioObject.class},
    configurationPid = GpioConfig.PID,
    configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = GpioConfig.class)
public final class GpioObject implements ManagementObject {
  static final NodeUri ROOT = NodeUri.of("./Vendor/DMAgent/GPIO");

  private final DmTree tree;
  private final Board board;
  private final GpioNodes nodes;
  private final byte[] ddf;
  private final Consumer<String> warn;
  private final String rootAcl;
  private final Pi4jLogLevels logLevels = new Pi4jLogLevels();

  @Activate
  public GpioObject(
      @Reference DmTree tree,
      GpioConfig config,
      @Reference(service = LoggerFactory.class) Logger log) {
    this(
        tree,
        config.platform(),
        PinMap.parse(config.inputs(), config.outputs(), config.pwm(), config.i2c(), log::warn),
        config.pwmChip(),
        config.debounceMicros(),
        config.rootAcl(),
        log::info,
        log::warn);
  }

  /**
   * For plain Java (benchmarks, tests of other bundles): the pins in the configuration's syntax,
   * logging nowhere.
   */
  public GpioObject(
      DmTree tree, String platform, String inputs, String outputs, String pwm, String i2c) {
    this(
        tree,
        platform,
        PinMap.parse(inputs, outputs, pwm, i2c, line -> {}),
        0,
        0,
        "Get=*&Replace=*",
        line -> {},
        line -> {});
  }

  GpioObject(
      DmTree tree,
      String platform,
      PinMap pins,
      int pwmChip,
      long debounceMicros,
      String rootAcl,
      Consumer<String> info,
      Consumer<String> warn) {
    this.tree = tree;
    this.warn = warn;
    this.rootAcl = rootAcl;
    this.board = openBoard(platform, pins, pwmChip, debounceMicros, info, warn);
    this.nodes = new GpioNodes(ROOT, board);
    this.ddf = GpioDdf.of(board);
  }

  private Board openBoard(
      String setting,
      PinMap pins,
      int pwmChip,
      long debounceMicros,
      Consumer<String> info,
      Consumer<String> warn) {
    Optional<Platform> platform;
    try {
      platform = Platform.of(setting, Path.of("/dev"), Path.of("/sys/class/gpio"));
    } catch (IllegalArgumentException e) {
      warn.accept("GPIO idle: " + e.getMessage() + " (auto, mock, gpiod or linuxfs)");
      return null;
    }
    if (platform.isEmpty()) {
      info.accept(
          "GPIO idle: no GPIO hardware found (no /dev/gpiochip0, no /sys/class/gpio);"
              + " platform=mock simulates the pins");
      return null;
    }
    Board opened =
        Board.open(
            platform.get(),
            platform.get().open(pwmChip, warn),
            pins,
            debounceMicros,
            this::publishInput,
            warn);
    info.accept(
        "GPIO on platform "
            + platform.get()
            + ": "
            + opened.inputs().size()
            + " inputs, "
            + opened.outputs().size()
            + " outputs, "
            + opened.pwm().size()
            + " PWM, "
            + opened.i2c().size()
            + " I2C devices");
    return opened;
  }

  /**
   * Writes an input's new level into the tree, on the provider's thread: the commit's change event
   * is what the policy engine listens to.
   */
  void publishInput(String name, boolean high) {
    try {
      tree.operations(Principal.device())
          .replace(
              GpioNodes.inputState(ROOT, name),
              NodeValue.of(String.valueOf(high), NodeFormat.BOOL));
    } catch (DmException e) {
      if (e.status() != StatusCode.NOT_FOUND) {
        warn.accept("input " + name + " changed, not written into the tree: " + e.getMessage());
      }
      // NOT_FOUND: not grafted (yet, or any more); a Get reads the pin itself.
    }
  }

  /**
   * Drives a mock input (the demo's door); its change reaches the tree as a real one would.
   *
   * @return false when there is no such mock input
   */
  public boolean mockInput(String name, boolean high) {
    return board != null && board.mockInput(name, high);
  }

  /** The platform in use, or "none". */
  String platform() {
    return board == null ? "none" : board.platform().toString();
  }

  List<String> inputNames() {
    return board == null ? List.of() : List.copyOf(board.inputs().keySet());
  }

  /** The open board, for tests; null when idle. */
  Board board() {
    return board;
  }

  @Deactivate
  public void close() {
    try {
      if (board != null) {
        board.close();
      }
    } finally {
      logLevels.close();
    }
  }

  @Override
  public NodeUri root() {
    return ROOT;
  }

  @Override
  public byte[] ddf() {
    return ddf.clone();
  }

  @Override
  public String rootAcl() {
    return rootAcl;
  }

  @Override
  public Optional<NodeValue> readLive(NodeUri uri) {
    if (uri.equals(nodes.platform())) {
      return Optional.of(NodeValue.text(platform()));
    }
    try {
      return nodes.read(uri);
    } catch (RuntimeException e) {
      warn.accept("cannot read " + uri + " from the hardware: " + e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public Optional<List<String>> liveChildren(NodeUri uri) {
    return nodes.children(uri);
  }

  @Override
  public void beforeWrite(NodeUri uri, Optional<NodeValue> value, Principal principal)
      throws DmException {
    if (value.isPresent()) {
      nodes.write(uri, value.get().text());
    }
  }
}
