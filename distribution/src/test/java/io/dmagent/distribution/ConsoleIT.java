package io.dmagent.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DM tree from the console of the assembled distribution ({@code bin/dmagent --console}), as an
 * operator on a gateway's serial console uses it: the dm:* commands of the shell bundle on the real
 * tree, codec and standard objects.
 */
class ConsoleIT {
  @TempDir Path dir;

  /**
   * Runs {@code command} until its output satisfies {@code done} (components start on their own).
   */
  private static List<String> consoleUntil(
      RunningAgent agent, String command, Predicate<List<String>> done) throws Exception {
    long deadline = System.nanoTime() + RunningAgent.PATIENCE.toNanos();
    List<String> out = agent.console(command);
    while (!done.test(out) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      out = agent.console(command);
    }
    return out;
  }

  private static boolean hasLeaf(List<String> out, String name) {
    Pattern leaf = Pattern.compile("(\\|-- |`-- )" + name + " = \\S.*");
    return out.stream().anyMatch(l -> leaf.matcher(l).find());
  }

  @Test
  void dm_tree_of_devinfo_shows_the_device_s_real_values() throws Exception {
    try (RunningAgent agent = RunningAgent.startWithConsole(RunningAgent.install(dir))) {
      agent.awaitLine("DM Agent ready");

      List<String> tree = consoleUntil(agent, "dm:tree ./DevInfo", out -> hasLeaf(out, "DevId"));

      assertThat(tree).anyMatch(l -> l.startsWith("./DevInfo/ [urn:oma:mo:oma-dm-devinfo:"));
      for (String leaf : List.of("DevId", "Man", "Mod", "DmV", "Lang")) {
        assertThat(hasLeaf(tree, leaf))
            .as(leaf + " with a value in\n" + String.join("\n", tree))
            .isTrue();
      }
      assertThat(agent.console("dm:get ./DevDetail/URI/MaxDepth"))
          .anySatisfy(l -> assertThat(l).matches("\\d+"));
    }
  }

  @Test
  void dm_set_adds_then_replaces_a_leaf_that_dm_get_reads_back() throws Exception {
    try (RunningAgent agent = RunningAgent.startWithConsole(RunningAgent.install(dir))) {
      agent.awaitLine("DM Agent ready");
      consoleUntil(agent, "dm:get .", out -> out.stream().noneMatch(l -> l.contains("not found")));

      assertThat(agent.console("dm:set ./Vendor/Test/Greeting hello"))
          .contains("added ./Vendor/Test/Greeting");
      assertThat(agent.console("dm:get ./Vendor/Test/Greeting")).contains("hello");

      assertThat(agent.console("dm:set ./Vendor/Test/Greeting world"))
          .contains("replaced ./Vendor/Test/Greeting");
      assertThat(agent.console("dm:get ./Vendor/Test/Greeting")).contains("world");

      assertThat(agent.console("dm:set --format int ./Vendor/Test/Count 42"))
          .contains("added ./Vendor/Test/Count");
      assertThat(agent.console("dm:get './Vendor/Test/Count?prop=Format'")).contains("int");
      assertThat(agent.console("dm:tree ./Vendor"))
          .containsSubsequence(
              "./Vendor/", "`-- Test/", "    |-- Count = 42", "    `-- Greeting = world");
    }
  }

  @Test
  void errors_are_one_line_with_the_dm_status_code() throws Exception {
    try (RunningAgent agent = RunningAgent.startWithConsole(RunningAgent.install(dir))) {
      agent.awaitLine("DM Agent ready");
      consoleUntil(agent, "dm:get .", out -> out.stream().noneMatch(l -> l.contains("not found")));

      List<String> out = agent.console("dm:get ./Nope");

      assertThat(out).anyMatch(l -> l.startsWith("error 404: "));
      assertThat(out).noneMatch(l -> l.contains("Exception") || l.startsWith("\tat "));
      assertThat(agent.console("dm:set --format int ./Vendor/Test/Count many"))
          .anyMatch(l -> l.startsWith("error 415: "));
    }
  }

  @Test
  void dm_add_node_dm_delete_and_dm_export_work_on_a_subtree() throws Exception {
    try (RunningAgent agent = RunningAgent.startWithConsole(RunningAgent.install(dir))) {
      agent.awaitLine("DM Agent ready");
      consoleUntil(agent, "dm:get .", out -> out.stream().noneMatch(l -> l.contains("not found")));

      assertThat(agent.console("dm:add-node ./Vendor/Acme urn:x-acme:mo:sensor:1.0"))
          .contains("added ./Vendor/Acme/ [urn:x-acme:mo:sensor:1.0]");
      agent.console("dm:set ./Vendor/Acme/Unit celsius");
      assertThat(agent.console("dm:get './Vendor?moid=urn:x-acme:mo:sensor:1.0'"))
          .contains("./Vendor/Acme");

      String xml = String.join("\n", agent.console("dm:export ./Vendor/Acme"));
      assertThat(xml).contains("<MgmtTree", "Acme", "Unit", "celsius");

      Path wbxml = dir.resolve("acme.wbxml");
      assertThat(agent.console("dm:export --wbxml --out " + wbxml + " ./Vendor/Acme"))
          .anyMatch(l -> l.startsWith("wrote TNDS of ./Vendor/Acme (WBXML"));
      assertThat(Files.size(wbxml)).isPositive();

      assertThat(agent.console("dm:delete ./Vendor/Acme")).contains("deleted ./Vendor/Acme");
      assertThat(agent.console("dm:get ./Vendor/Acme")).anyMatch(l -> l.startsWith("error 404: "));
    }
  }

  @Test
  void secrets_of_dm_accounts_never_reach_the_console() throws Exception {
    try (RunningAgent agent = RunningAgent.startWithConsole(RunningAgent.install(dir))) {
      agent.awaitLine("DM Agent ready");
      consoleUntil(
          agent, "dm:get ./DMAcc", out -> out.stream().noneMatch(l -> l.startsWith("error")));
      String secret = "s3cr3t-" + System.nanoTime();
      assertThat(agent.console("dm:add-node ./DMAcc/acme")).contains("added ./DMAcc/acme/");
      assertThat(agent.console("dm:set ./DMAcc/acme/AppAuth/srv/AAuthSecret " + secret))
          .contains("added ./DMAcc/acme/AppAuth/srv/AAuthSecret");

      List<String> get = agent.console("dm:get ./DMAcc/acme/AppAuth/srv/AAuthSecret");
      List<String> tree = agent.console("dm:tree ./DMAcc");
      List<String> export = agent.console("dm:export ./DMAcc");

      assertThat(get).contains("********");
      assertThat(tree).anyMatch(l -> l.endsWith("AAuthSecret = ********"));
      assertThat(String.join("\n", export)).contains("AAuthSecret").doesNotContain(secret);
      assertThat(agent.lines()).noneMatch(l -> l.contains(secret));
    }
  }
}
