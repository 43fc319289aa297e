package io.dmagent.codec.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The libwbxml command-line tools (Debian package libwbxml2-utils), an independent WBXML codec with
 * its own DM DDF tables. Missing tools fail the test on CI (environment variable CI set), where
 * .ci/run installs them, and skip it elsewhere.
 */
public final class Libwbxml {
  private final Path work;

  public Libwbxml(Path work) {
    this.work = work;
  }

  public static void requireTools() {
    boolean present = onPath("xml2wbxml") && onPath("wbxml2xml");
    if (!present && System.getenv("CI") != null) {
      fail("xml2wbxml/wbxml2xml missing on CI: install libwbxml2-utils (see .ci/run)");
    }
    assumeTrue(present, "libwbxml2-utils not installed: the libwbxml oracle is skipped");
  }

  /** {@code xml2wbxml -v 1.2}: WBXML 1.2, the version we write. */
  public byte[] xml2wbxml(byte[] xml) throws IOException, InterruptedException {
    return run("xml2wbxml", List.of("-v", "1.2"), xml);
  }

  /** {@code wbxml2xml} in its default indenting mode, which our reader must take in its stride. */
  public byte[] wbxml2xml(byte[] wbxml) throws IOException, InterruptedException {
    return run("wbxml2xml", List.of(), wbxml);
  }

  private byte[] run(String tool, List<String> options, byte[] input)
      throws IOException, InterruptedException {
    Path in = Files.createTempFile(work, tool, ".in");
    Path out = Files.createTempFile(work, tool, ".out");
    Files.write(in, input);
    List<String> command = new java.util.ArrayList<>(List.of(tool));
    command.addAll(options);
    command.addAll(List.of("-o", out.toString(), in.toString()));
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve(tool + ".log").toFile())
            .start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(tool + " finished").isTrue();
    assertThat(p.exitValue())
        .as(tool + " exit status; log: " + Files.readString(work.resolve(tool + ".log")))
        .isZero();
    return Files.readAllBytes(out);
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
