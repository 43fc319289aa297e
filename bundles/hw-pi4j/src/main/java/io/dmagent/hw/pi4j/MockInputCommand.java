package io.dmagent.hw.pi4j;

import java.util.List;
import java.util.Locale;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code hw:mock-input <name> high|low}: drives an input of the mock platform as if its wire
 * changed (the demo's door). A Gogo {@link Function} of its own: no Java method can be named
 * mock-input.
 */
@Component(
    service = Function.class,
    property = {
      "osgi.command.scope=hw",
      "osgi.command.function=mock-input",
      "dmagent.command.help=Drives an input of the mock GPIO platform high or low, as if its wire"
          + " changed (platform=mock in io.dmagent.hw.pi4j)",
      "dmagent.command.usage=<input name> high|low"
    })
public final class MockInputCommand implements Function {
  static final String USAGE = "usage: hw:mock-input <input name> high|low";

  private final GpioObject gpio;

  @Activate
  public MockInputCommand(@Reference GpioObject gpio) {
    this.gpio = gpio;
  }

  @Override
  public Object execute(CommandSession session, List<Object> arguments) {
    return run(arguments.stream().map(String::valueOf).toList());
  }

  String run(List<String> arguments) {
    if (arguments.size() != 2) {
      return USAGE;
    }
    String name = arguments.get(0);
    String level = arguments.get(1).toLowerCase(Locale.ROOT);
    if (!level.equals("high") && !level.equals("low")) {
      return "error: the level is high or low; " + USAGE;
    }
    if (!gpio.platform().equals("mock")) {
      return "error: hw:mock-input drives the mock platform only; GPIO runs on " + gpio.platform();
    }
    if (!gpio.mockInput(name, level.equals("high"))) {
      return "error: no input named '"
          + name
          + "' (inputs: "
          + String.join(", ", gpio.inputNames())
          + ")";
    }
    return "input " + name + " " + level;
  }
}
