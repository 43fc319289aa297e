package com.acme.gateway.cabinet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extension as a gateway runs it: its feature repository and bundle dropped into the {@code
 * features/} folder of a DM Agent distribution, the feature named in the runtime's configuration,
 * and the cabinet read through the agent's own console commands.
 */
class CabinetInAgentIT {
  @TempDir Path dir;

  private static Path dropInto(Path home, Path sensor) throws Exception {
    return dropInto(home, sensor, "acme-gateway");
  }

  private static Path dropInto(Path home, Path sensor, String added) throws Exception {
    Path bundle = Path.of(System.getProperty("acme.bundle"));
    Path repository = Path.of(System.getProperty("acme.features"));
    Path features = Files.createDirectories(home.resolve("features"));
    Files.copy(bundle, features.resolve(bundle.getFileName()));
    Files.copy(repository, features.resolve(repository.getFileName()));
    Files.writeString(
        home.resolve("config/com.acme.gateway.cabinet.cfg"), "sensorFile=" + sensor + "\n");
    Path runtime = home.resolve("config/io.dmagent.runtime.cfg");
    Files.writeString(
        runtime,
        Files.readString(runtime).replaceFirst("(?m)^features=(.*)$", "features=$1," + added));
    return home;
  }

  /**
   * Runs {@code command} until its output satisfies {@code done}: components start on their own.
   */
  private static List<String> until(Agent agent, String command, Predicate<List<String>> done)
      throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    List<String> out = agent.console(command);
    while (!done.test(out) && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
      out = agent.console(command);
    }
    return out;
  }

  @Test
  void the_dropped_feature_puts_the_cabinet_into_the_tree_and_its_command_on_the_console()
      throws Exception {
    Path sensor = Files.writeString(dir.resolve("cabinet-temp"), "41500\n");
    Path home = dropInto(Agent.install(dir.resolve("dmagent")), sensor);

    try (Agent agent = Agent.startWithConsole(home)) {
      agent.awaitLine("DM Agent ready");

      List<String> temperature =
          until(agent, "dm:get ./Vendor/Acme/Cabinet/Temperature", out -> out.contains("41.5"));
      assertThat(temperature).as(String.join("\n", agent.lines())).contains("41.5");

      Files.writeString(sensor, "57250\n");
      assertThat(agent.console("dm:get ./Vendor/Acme/Cabinet/Temperature")).contains("57.3");
      assertThat(agent.console("acme:cabinet")).contains("cabinet 57.3 °C (sensor " + sensor + ")");
      assertThat(agent.console("acme:cabinet help"))
          .anyMatch(l -> l.startsWith("acme:cabinet: Shows the temperature"));
      assertThat(agent.console("dm:tree ./Vendor/Acme"))
          .anyMatch(l -> l.contains("Cabinet/ [urn:x-acme:mo:cabinet:1.0]"));

      agent.console("dm:set ./Vendor/Acme/Cabinet/Label 'Lyon, room 2, rack 4'");
      assertThat(agent.console("dm:get ./Vendor/Acme/Cabinet/Label"))
          .contains("Lyon, room 2, rack 4");
      assertThat(agent.console("dm:set ./Vendor/Acme/Cabinet/Label " + "x".repeat(65)))
          .anyMatch(l -> l.startsWith("error 413"));

      assertThat(agent.lines()).noneMatch(l -> l.contains("ERROR"));
    }
  }

  @Test
  void the_condition_type_runs_in_the_agents_policy_engine() throws Exception {
    Path sensor = Files.writeString(dir.resolve("cabinet-temp"), "30000\n");
    Path home = dropInto(Agent.install(dir.resolve("dmagent")), sensor, "dm-policy,acme-gateway");

    try (Agent agent = Agent.startWithConsole(home)) {
      agent.awaitLine("DM Agent ready");
      until(agent, "dm:get ./Vendor/Acme/Cabinet/Temperature", out -> out.contains("30"));
      String p = "./MgmtPolicy/Policies/hot";
      until(agent, "dm:add-node " + p, out -> out.stream().noneMatch(l -> l.startsWith("error")));
      for (String node : List.of("/Conditions", "/Conditions/warm", "/Actions", "/Actions/1")) {
        agent.console("dm:add-node " + p + node);
      }
      agent.console("dm:set " + p + "/Conditions/warm/Type " + TemperatureAboveType.NAME);
      agent.console("dm:set " + p + "/Conditions/warm/Celsius 50");
      agent.console("dm:set " + p + "/Conditions/warm/Period 5");
      agent.console("dm:set " + p + "/Actions/1/Type replace");
      agent.console("dm:set " + p + "/Actions/1/Target ./Vendor/Acme/Cabinet/Label");
      agent.console("dm:set " + p + "/Actions/1/Value hot");
      agent.console("dm:set " + p + "/State Active");

      assertThat(until(agent, "dm:get " + p + "/Status", out -> out.contains("active")))
          .as(String.join("\n", agent.lines()))
          .contains("active");
      Files.writeString(sensor, "57250\n");
      assertThat(until(agent, "dm:get ./Vendor/Acme/Cabinet/Label", out -> out.contains("hot")))
          .as("the cabinet warmer than 50 °C: the policy's action ran")
          .contains("hot");
      assertThat(agent.lines()).noneMatch(l -> l.contains("ERROR"));
    }
  }
}
