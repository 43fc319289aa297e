package io.dmagent.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A configuration value that does not fit its MetaType is one ERROR line naming the file, the key,
 * the value and what is expected; the component keeps working on the previous configuration.
 */
class ConfigurationErrorIT {
  private static final Pattern READY =
      Pattern.compile("DM Agent ready in \\d+ ms: (\\d+) of (\\d+) components active");
  private static final String PROTOCOL = "config/io.dmagent.protocol.cfg";

  @TempDir Path dir;

  private static void replace(Path home, String from, String to) throws Exception {
    Path file = home.resolve(PROTOCOL);
    String text = Files.readString(file);
    assertThat(text).contains(from);
    Files.writeString(file, text.replace(from, to));
  }

  private static final Pattern IN_FORCE = Pattern.compile("^\\s*maxMsgSize(?:<\\w+>)? = (\\S+)$");

  /**
   * The session engine's MaxMsgSize as its running component has it: scr:info lists the
   * description's default first, then the configuration's value.
   */
  private static String maxMsgSizeInForce(RunningAgent agent) throws Exception {
    List<String> info = agent.console("scr:info io.dmagent.protocol.ProtocolService");
    return info.stream()
        .map(IN_FORCE::matcher)
        .filter(Matcher::find)
        .map(m -> m.group(1))
        .reduce((first, last) -> last)
        .orElseThrow(() -> new AssertionError("no maxMsgSize in " + info));
  }

  /** Waits until the component has the value: configuration changes arrive within seconds. */
  private static void awaitInForce(RunningAgent agent, String value) throws Exception {
    long deadline = System.nanoTime() + RunningAgent.PATIENCE.toNanos();
    while (!maxMsgSizeInForce(agent).equals(value) && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(maxMsgSizeInForce(agent)).isEqualTo(value);
  }

  @Test
  void a_bad_value_at_start_is_one_error_line_and_the_component_runs_on_its_default()
      throws Exception {
    Path home = RunningAgent.install(dir);
    replace(home, "maxMsgSize=16384", "maxMsgSize=abc");
    try (RunningAgent agent = RunningAgent.start(home)) {
      Matcher ready = READY.matcher(agent.awaitLine(l -> READY.matcher(l).find()));

      assertThat(ready.find()).isTrue();
      assertThat(ready.group(1)).isEqualTo(ready.group(2));
      assertThat(agent.lines())
          .filteredOn(l -> l.contains("ERROR"))
          .containsExactly(
              agent.awaitLine(
                  l ->
                      l.contains("ERROR io.dmagent.runtime: " + PROTOCOL + ": maxMsgSize='abc'")
                          && l.contains("expected an integer")
                          && l.endsWith("using the default 16384 until it is fixed")));
      assertThat(agent.lines()).noneMatch(l -> l.contains("InvocationTargetException"));
    }
  }

  @Test
  void a_misspelt_key_is_named_as_ignored_in_one_warning() throws Exception {
    Path home = RunningAgent.install(dir);
    replace(home, "maxMsgSize=16384", "maxMsgSzie=20000");
    try (RunningAgent agent = RunningAgent.start(home)) {
      String warning = agent.awaitLine(l -> l.contains("maxMsgSzie"));
      agent.awaitLine("DM Agent ready");

      assertThat(warning)
          .contains(
              "WARN  io.dmagent.runtime: "
                  + PROTOCOL
                  + ": maxMsgSzie is not a setting of io.dmagent.protocol: ignored (settings: ")
          .contains("maxMsgSize");
      assertThat(agent.lines()).filteredOn(l -> l.contains("maxMsgSzie")).hasSize(1);
    }
  }

  @Test
  void a_bad_value_changed_live_keeps_the_previous_configuration_in_force() throws Exception {
    Path home = RunningAgent.install(dir);
    try (RunningAgent agent = RunningAgent.startWithConsole(home)) {
      agent.awaitLine("DM Agent ready");
      replace(home, "maxMsgSize=16384", "maxMsgSize=20000");
      awaitInForce(agent, "20000");

      replace(home, "maxMsgSize=20000\nmaxObjSize=1048576", "maxMsgSize=abc\nmaxObjSize=5");
      String error = agent.awaitLine(l -> l.contains("maxMsgSize='abc'"));

      assertThat(error)
          .contains("ERROR", PROTOCOL, "expected an integer")
          .endsWith("the previous configuration stays in force");
      assertThat(maxMsgSizeInForce(agent)).isEqualTo("20000");
      assertThat(agent.lines())
          .noneMatch(l -> l.contains("InvocationTargetException"))
          .filteredOn(l -> l.contains("ERROR"))
          .containsExactly(error);
    }
  }

  @Test
  void a_cfg_file_that_does_not_parse_is_reported_and_not_applied() throws Exception {
    Path home = RunningAgent.install(dir);
    try (RunningAgent agent = RunningAgent.startWithConsole(home)) {
      agent.awaitLine("DM Agent ready");
      replace(home, "maxMsgSize=16384", "maxMsgSize=20000");
      awaitInForce(agent, "20000");

      replace(home, "maxMsgSize=20000", "maxMsgSize=9999\nbroken=\\u12");
      agent.awaitLine(l -> l.contains("ERROR") && l.contains(PROTOCOL + " is malformed"));
      Thread.sleep(2_000); // FileInstall's next poll has come and gone

      assertThat(maxMsgSizeInForce(agent)).isEqualTo("20000");
    }
  }
}
