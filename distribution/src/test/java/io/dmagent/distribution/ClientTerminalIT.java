package io.dmagent.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/dmagent client} on a terminal, as an operator types into it: script(1) gives it a
 * pseudo-terminal, and keys are typed once its prompt shows.
 */
class ClientTerminalIT {
  @TempDir Path dir;

  /** The client's terminal: what it printed so far, and a keyboard. */
  private static final class Terminal {
    private final Process process;
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

    Terminal(Path home) throws Exception {
      String client = home.resolve("bin/dmagent") + " client";
      process =
          new ProcessBuilder("script", "-q", "-e", "-c", client, "/dev/null")
              .redirectErrorStream(true)
              .start();
      Thread reader =
          new Thread(
              () -> {
                try (InputStream in = process.getInputStream()) {
                  in.transferTo(
                      new OutputStream() {
                        @Override
                        public void write(int b) {
                          synchronized (screen) {
                            screen.write(b);
                          }
                        }
                      });
                } catch (Exception e) {
                  // the terminal closed
                }
              });
      reader.setDaemon(true);
      reader.start();
    }

    String screen() {
      synchronized (screen) {
        return screen.toString(StandardCharsets.UTF_8);
      }
    }

    /** Waits for the {@code n}th prompt, then types {@code keys}. */
    void type(int prompt, String keys) throws Exception {
      long deadline = System.nanoTime() + RunningAgent.PATIENCE.toNanos();
      while (screen().split("dm> ", -1).length - 1 < prompt) {
        assertThat(System.nanoTime())
            .as("prompt %d in:%n%s", prompt, screen())
            .isLessThan(deadline);
        Thread.sleep(50);
      }
      process.getOutputStream().write(keys.getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().flush();
    }
  }

  @Test
  void the_client_on_a_terminal_edits_lines_and_recalls_them_from_history_but_no_secret()
      throws Exception {
    if (!Path.of("/usr/bin/script").toFile().canExecute()) {
      org.junit.jupiter.api.Assumptions.assumeTrue(
          System.getenv("CI") == null, "script(1) missing (Debian package bsdutils)");
    }
    try (RunningAgent agent = RunningAgent.start(RunningAgent.install(dir))) {
      agent.awaitLine("DM Agent ready");
      agent.awaitLine("console on ");
      Terminal t = new Terminal(agent.home());

      t.type(1, "dm:get ./DevDetail/URI/MaxDepthX\u007f\r"); // typed with a typo, rubbed out
      t.type(2, "\u001bOA\r"); // arrow up (keypad mode, as JLine sets it): the line again
      t.type(3, "dm:set ./Vendor/Test/MySecret hunter2\r"); // names a secret: not kept
      t.type(4, "\u0004"); // Ctrl-D: leave

      assertThat(t.process.waitFor(30, TimeUnit.SECONDS)).as(t.screen()).isTrue();
      // The terminal's control sequences (keypad mode, bracketed paste) left out, the text counted.
      String text = t.screen().replaceAll("\u001b(\\[[?0-9;]*[a-zA-Z]|[=>])", "");
      assertThat(text.lines().filter(l -> l.strip().equals("32")).count())
          .as(t.screen())
          .isEqualTo(2);
      assertThat(agent.home().resolve("data/console.history"))
          .content()
          .contains("dm:get ./DevDetail/URI/MaxDepth")
          .doesNotContain("MaxDepthX")
          .doesNotContain("hunter2");
      assertThat(agent.isAlive()).isTrue();
    }
  }
}
