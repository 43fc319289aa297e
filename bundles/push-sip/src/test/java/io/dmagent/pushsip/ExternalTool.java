package io.dmagent.pushsip;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A SIP tool from Debian run as a process: skipped with a message where it is not installed, failed
 * on CI (CI set), where .ci/run installs it.
 */
record ExternalTool(Path executable) {

  /** What a run printed and how it ended. */
  record Run(int exitCode, String output) {}

  static ExternalTool require(String name, String debianPackage) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isExecutable(candidate)) {
        return new ExternalTool(candidate);
      }
    }
    String missing = name + " not found: apt-get install " + debianPackage;
    if (System.getenv("CI") != null) {
      fail(missing);
    }
    Assumptions.abort(missing);
    return null;
  }

  /** Runs the tool in a folder (SIPp writes its files there), output and errors together. */
  Run run(Path folder, String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(List.of(arguments));
    Process process =
        new ProcessBuilder(command)
            .directory(folder.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(executable.getFileName() + " did not end within 30 s");
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(process.exitValue(), output);
  }
}
