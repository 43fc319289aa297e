package io.dmagent.api.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A tool from Debian (sipsak, SIPp, mosquitto_pub...) run as a process: skipped with a message
 * where it is not installed, failed on CI (CI set), where .ci/run installs it. Shared by the
 * modules' tests as the api's test jar.
 */
public record ExternalTool(Path executable, Duration patience) {

  /** What a run printed and how it ended. */
  public record Run(int exitCode, String output) {}

  /** The tool on the PATH, given 30 s a run. */
  public static ExternalTool require(String name, String debianPackage) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isExecutable(candidate)) {
        return new ExternalTool(candidate, Duration.ofSeconds(30));
      }
    }
    String missing = name + " not found: apt-get install " + debianPackage;
    if (System.getenv("CI") != null) {
      throw new AssertionError("on CI every test runs: " + missing);
    }
    Assumptions.abort(missing);
    throw new IllegalStateException("unreachable: abort throws");
  }

  /** The same tool, given {@code patience} a run (a loaded machine, a tool that waits). */
  public ExternalTool patience(Duration patience) {
    return new ExternalTool(executable, patience);
  }

  /** Runs the tool in a folder (SIPp writes its files there), output and errors together. */
  public Run run(Path folder, String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(List.of(arguments));
    Process process =
        new ProcessBuilder(command)
            .directory(folder.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(executable.getFileName() + " did not end within " + patience);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(process.exitValue(), output);
  }
}
