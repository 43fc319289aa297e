package io.dmagent.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Pi4J hardware feature in the assembled image, on the mock platform the shipped configuration
 * names (the door/relay example's pins): installed at run time, its pins are nodes, the console's
 * mock input moves the door, a Replace drives the relay, and uninstalling it takes the subtree
 * away.
 */
class GpioIT {
  private static final String DOOR = "./Vendor/DMAgent/GPIO/Inputs/door/State";
  private static final String RELAY = "./Vendor/DMAgent/GPIO/Outputs/relay/State";

  @TempDir Path dir;

  @Test
  void the_gpio_feature_installs_at_run_time_drives_mock_pins_and_goes_away_cleanly()
      throws Exception {
    try (RunningAgent agent = RunningAgent.startWithConsole(RunningAgent.install(dir))) {
      agent.awaitLine("DM Agent ready");

      assertThat(agent.console("dm:feature install dm-hw-pi4j"))
          .anyMatch(l -> l.startsWith("installed feature dm-hw-pi4j"));
      agent.awaitLine("grafted at ./Vendor/DMAgent/GPIO");
      assertThat(agent.lines())
          .anyMatch(l -> l.contains("GPIO on platform mock: 1 inputs, 1 outputs, 0 PWM"));
      assertThat(agent.console("dm:get " + DOOR)).contains("false");

      assertThat(agent.console("hw:mock-input door high")).contains("input door high");
      assertThat(agent.console("dm:get " + DOOR)).contains("true");
      agent.console("dm:set " + RELAY + " true");
      assertThat(agent.console("dm:get " + RELAY)).contains("true");

      assertThat(agent.console("dm:feature uninstall dm-hw-pi4j"))
          .anyMatch(l -> l.startsWith("uninstalled feature dm-hw-pi4j"));
      assertThat(agent.console("dm:get ./Vendor/DMAgent/GPIO"))
          .anyMatch(l -> l.startsWith("error 404"));
      assertThat(agent.console("hw:mock-input door low"))
          .anyMatch(l -> l.contains("unknown command"));
      // slf4j found its binding (no "SLF4J(W): No SLF4J providers"), and Pi4J's own chatter and
      // its board detection on a machine that is no Pi stay out of the log.
      assertThat(agent.lines())
          .noneMatch(l -> l.contains("ERROR"))
          .noneMatch(l -> l.startsWith("SLF4J"))
          .noneMatch(l -> l.startsWith("SEVERE") || l.contains(" com.pi4j."));
      assertThat(agent.isAlive()).isTrue();
    }
  }
}
