package io.dmagent.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsoleSessionTest {
  private final TestCommands.Gogo gogo = TestCommands.Gogo.start();
  private final List<String> failures = new ArrayList<>();
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final ConsoleSession console =
      new ConsoleSession(
          gogo.processor(),
          InputStream.nullInputStream(),
          new PrintStream(printed, true, StandardCharsets.UTF_8),
          (command, e) -> failures.add(command + " " + e.getClass().getSimpleName()));

  @AfterEach
  void close() {
    console.close();
    gogo.close();
  }

  private String output() {
    String text = printed.toString(StandardCharsets.UTF_8);
    printed.reset();
    return text;
  }

  @Test
  void thousands_of_commands_run_in_constant_memory() {
    for (int i = 0; i < 500; i++) {
      console.run("t:set ./Vendor/Test/Value" + (i % 10) + " v" + i);
    }
    long before = usedHeapAfterGc();

    for (int i = 0; i < 5_000; i++) {
      assertThat(console.run("t:set ./Vendor/Test/Value" + (i % 10) + " w" + i)).isTrue();
      printed.reset();
    }
    long after = usedHeapAfterGc();

    assertThat(console.retainedJobs()).isZero();
    // Gogo's own console keeps 40-90 KB a command: 5,000 commands would be 200 MB or more.
    assertThat(after - before).as("heap growth over 5,000 commands").isLessThan(8L << 20);
  }

  private static long usedHeapAfterGc() {
    var memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  @Test
  void a_command_missing_its_argument_prints_one_line_that_says_where_help_is() {
    boolean ok = console.run("t:feature");

    assertThat(ok).isFalse();
    assertThat(output())
        .isEqualTo("t:feature: wrong arguments; help t:feature shows what it takes\n");
  }

  @Test
  void an_unknown_command_is_named() {
    console.run("nope 1 2");

    assertThat(output()).isEqualTo("unknown command: nope (dm:help lists the agent's commands)\n");
  }

  @Test
  void a_failing_command_prints_its_message_without_the_exception_s_name() {
    console.run("t:fail 'cannot write'");
    console.run("t:wrapped");

    assertThat(output())
        .isEqualTo("t:fail: cannot write\nt:wrapped: Invalid BundleContext\n")
        .doesNotContain("Exception");
    assertThat(failures)
        .as("the log hears the command's name, never its arguments")
        .containsExactly("t:fail IllegalStateException", "t:wrapped RuntimeException");
  }

  @Test
  void a_result_is_printed_and_an_error_result_counts_as_a_failure() {
    assertThat(console.run("t:set a 1")).isTrue();
    assertThat(console.run("t:get a")).isTrue();
    assertThat(console.run("t:get b")).isFalse();

    assertThat(output()).isEqualTo("added a\n1\nerror 404: b not found\n");
  }

  @Test
  void blank_lines_and_comments_do_nothing() {
    assertThat(console.run("   ")).isTrue();
    assertThat(console.run("# a comment")).isTrue();

    assertThat(output()).isEmpty();
  }
}
