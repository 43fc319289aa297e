package io.dmagent.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's tools on the assembled image: {@code bin/dmagent client} on a running agent, the
 * console's memory over thousands of commands, log levels from {@code config/io.dmagent.log.cfg}, a
 * clean {@code data/tmp} after crashes, and what the image ships (licence, config modes).
 */
class OperatorToolsIT {
  @TempDir Path dir;

  /** {@code bin/dmagent client [args]} with {@code input} as its standard input. */
  private record Client(int exit, List<String> lines) {}

  private static Client client(Path home, String input, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(List.of(home.resolve("bin/dmagent").toString(), "client"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (var stdin = p.getOutputStream()) {
      stdin.write(input.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(RunningAgent.PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    return new Client(p.exitValue(), out.lines().toList());
  }

  /** Waits until the console bundle's socket is there (it starts with the framework). */
  private static Path awaitSocket(RunningAgent agent) throws InterruptedException {
    Path socket = agent.home().resolve("data/console.sock");
    agent.awaitLine("console on ");
    return socket;
  }

  @Test
  void bin_dmagent_client_runs_commands_on_the_running_agent_through_an_owner_only_socket()
      throws Exception {
    try (RunningAgent agent = RunningAgent.start(RunningAgent.install(dir))) {
      agent.awaitLine("DM Agent ready");
      Path socket = awaitSocket(agent);
      assertThat(Files.getPosixFilePermissions(socket))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      assertThat(Files.getPosixFilePermissions(socket.getParent()))
          .isEqualTo(PosixFilePermissions.fromString("rwx------"));

      Client one = client(agent.home(), "", "dm:get", "./DevDetail/URI/MaxDepth");
      assertThat(one.exit()).isZero();
      assertThat(one.lines()).containsExactly("32");

      Client script =
          client(
              agent.home(),
              "dm:set ./Vendor/Test/Greeting hello\n"
                  + "dm:get ./Vendor/Test/Greeting\n"
                  + "dm:delete\n"
                  + "nosuchcommand\n");
      assertThat(script.lines())
          .containsExactly(
              "added ./Vendor/Test/Greeting",
              "hello",
              "dm:delete: wrong arguments; dm:help dm:delete shows what it takes",
              "unknown command: nosuchcommand (dm:help lists the agent's commands)");
      assertThat(script.exit()).as("a failed command fails the script").isEqualTo(1);
    }
  }

  @Test
  void every_dm_command_has_help_text() throws Exception {
    try (RunningAgent agent = RunningAgent.start(RunningAgent.install(dir))) {
      agent.awaitLine("DM Agent ready");
      awaitSocket(agent);
      List<String> expected =
          List.of(
              "dm:add-node",
              "dm:delete",
              "dm:export",
              "dm:feature",
              "dm:get",
              "dm:help",
              "dm:set",
              "dm:tree");
      Client help = client(agent.home(), "", "dm:help");
      for (int i = 0;
          i < 50 && !help.lines().stream().anyMatch(l -> l.startsWith("dm:tree"));
          i++) {
        Thread.sleep(200); // the shell's components may still be starting
        help = client(agent.home(), "", "dm:help");
      }

      assertThat(help.lines().stream().map(l -> l.split("\\s+")[0]))
          .containsAll(expected)
          .allMatch(name -> name.startsWith("dm:"));
      assertThat(help.lines()).noneMatch(l -> l.contains("(no help text)"));
      assertThat(client(agent.home(), "", "dm:help", "add-node").lines())
          .containsExactly(
              "dm:add-node: Adds an interior node, with its Type (MO identifier) if given",
              "  usage: dm:add-node <uri> [moType]");
      assertThat(client(agent.home(), "", "dm:help", "dm:set").lines())
          .contains("  usage: dm:set [-f|--format <value>] [-t|--type <value>] <1> <2>");
    }
  }

  @Test
  void setting_a_new_leaf_from_the_console_logs_no_refusal() throws Exception {
    try (RunningAgent agent = RunningAgent.start(RunningAgent.install(dir))) {
      agent.awaitLine("DM Agent ready");
      awaitSocket(agent);

      Client set =
          client(agent.home(), "dm:set ./Vendor/Fresh/Leaf 1\ndm:set ./Vendor/Fresh/Leaf 2\n");

      assertThat(set.lines())
          .containsExactly("added ./Vendor/Fresh/Leaf", "replaced ./Vendor/Fresh/Leaf");
      Thread.sleep(500); // log lines are written asynchronously
      assertThat(agent.lines())
          .noneMatch(l -> l.contains("./Vendor/Fresh") && l.contains("refused"));
    }
  }

  @Test
  void the_foreground_console_runs_thousands_of_piped_commands_in_constant_memory()
      throws Exception {
    try (RunningAgent agent = RunningAgent.startWithConsole(RunningAgent.install(dir))) {
      agent.awaitLine("DM Agent ready");
      agent.console(setLines(0, 200));
      long before = usedHeapAfterGc(agent.pid());

      // Gogo's own console kept 40-90 KB a command: 96 MB were full after about 840.
      agent.console(setLines(200, 2_200));
      long after = usedHeapAfterGc(agent.pid());

      assertThat(agent.isAlive()).isTrue();
      assertThat(agent.lines()).noneMatch(l -> l.contains("OutOfMemoryError"));
      assertThat(after - before).as("heap growth over 2,000 commands").isLessThan(8L << 20);
      assertThat(agent.console("dm:get ./Vendor/Load/V7")).contains("2197");
    }
  }

  private static String setLines(int from, int to) {
    StringBuilder lines = new StringBuilder();
    for (int i = from; i < to; i++) {
      lines.append("dm:set ./Vendor/Load/V").append(i % 10).append(' ').append(i).append('\n');
    }
    return lines.toString().stripTrailing();
  }

  /** Used heap after a full GC, in bytes, from the JDK's own jcmd. */
  private static long usedHeapAfterGc(long pid) throws Exception {
    jcmd(pid, "GC.run");
    String info = jcmd(pid, "GC.heap_info");
    Matcher used = Pattern.compile("generation\\s+total \\d+K, used (\\d+)K").matcher(info);
    long kb = 0;
    int spaces = 0;
    while (used.find()) {
      kb += Long.parseLong(used.group(1));
      spaces++;
    }
    assertThat(spaces).as(info).isEqualTo(2);
    return kb * 1024;
  }

  private static String jcmd(long pid, String command) throws Exception {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p =
        new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void a_bundle_set_to_debug_in_the_log_config_prints_its_stack_traces() throws Exception {
    Path home = RunningAgent.install(dir);
    Files.writeString(
        home.resolve("config/io.dmagent.log.cfg"),
        "level=INFO\nbundles=io.dmagent.console=DEBUG\n");
    try (RunningAgent agent = RunningAgent.start(home)) {
      agent.awaitLine("DM Agent ready");
      awaitSocket(agent);

      client(home, "dm:delete\n");

      String failure = agent.awaitLine("console command dm:delete failed");
      assertThat(failure).contains("DEBUG io.dmagent.console:");
      agent.awaitLine(l -> l.startsWith("\tat org.apache.felix.gogo.runtime."));
    }
  }

  @Test
  void at_the_default_level_a_console_error_leaves_no_debug_line() throws Exception {
    try (RunningAgent agent = RunningAgent.start(RunningAgent.install(dir))) {
      agent.awaitLine("DM Agent ready");
      awaitSocket(agent);

      client(agent.home(), "dm:delete\n");
      client(agent.home(), "dm:get .\n"); // a later command: the log had time to print

      assertThat(agent.lines()).noneMatch(l -> l.contains(" DEBUG ") || l.startsWith("\tat "));
    }
  }

  @Test
  void folders_fileinstall_left_in_data_tmp_by_crashes_are_gone_after_a_start() throws Exception {
    Path home = RunningAgent.install(dir);
    Path tmp = Files.createDirectories(home.resolve("data/tmp"));
    Files.createDirectories(tmp.resolve("fileinstall-4242424242"));
    Files.createDirectories(tmp.resolve("fileinstall-17/unpacked"));

    for (int run = 0; run < 2; run++) {
      try (RunningAgent agent = RunningAgent.start(home)) {
        agent.awaitLine("DM Agent ready");
        assertThat(fileinstallFolders(tmp)).as("run " + run).isEmpty();
      } // closing kills it (-9): a crash
      assertThat(fileinstallFolders(tmp)).as("after crash " + run).isEmpty();
    }
  }

  private static List<Path> fileinstallFolders(Path tmp) throws IOException {
    try (Stream<Path> files = Files.list(tmp)) {
      return files.filter(f -> f.getFileName().toString().startsWith("fileinstall-")).toList();
    }
  }

  @Test
  void the_image_ships_its_licence_and_keeps_config_files_from_other_users() throws Exception {
    Path image = Path.of(System.getProperty("dmagent.image", "target/dmagent"));
    assertThat(image.resolve("LICENSE")).content().contains("Apache License", "Version 2.0");
    assertThat(image.resolve("NOTICE")).content().contains("Apache Felix", "Bouncy Castle");
    try (Stream<Path> files = Files.list(image.resolve("config"))) {
      assertThat(files.toList())
          .isNotEmpty()
          .allSatisfy(
              f ->
                  assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                      .as(f.toString())
                      .isEqualTo("rw-r-----"));
    }
    Path tarball;
    try (Stream<Path> files = Files.list(image.getParent())) {
      tarball = files.filter(f -> f.toString().endsWith(".tar.gz")).findFirst().orElseThrow();
    }
    Process tar = new ProcessBuilder("tar", "-tvzf", tarball.toString()).start();
    List<String> entries =
        new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    assertThat(tar.waitFor()).isZero();
    assertThat(entries.stream().filter(l -> l.matches(".* dmagent/config/[^/]+\\.cfg$")))
        .isNotEmpty()
        .allMatch(l -> l.startsWith("-rw-r-----"), "mode 0640");
    assertThat(entries).anyMatch(l -> l.endsWith(" dmagent/LICENSE"));
  }
}
