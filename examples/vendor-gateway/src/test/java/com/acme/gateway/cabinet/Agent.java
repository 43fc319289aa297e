package com.acme.gateway.cabinet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A DM Agent distribution copied into a test's folder and run with {@code bin/dmagent --console},
 * as an operator runs it: console commands are typed into its standard input, and what it prints is
 * collected.
 */
final class Agent implements AutoCloseable {
  private static final long PATIENCE_MS = 60_000;

  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private int commands;

  private Agent(Process process) {
    this.process = process;
    Thread reader = new Thread(this::collect, "agent-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Copies the image (system property {@code dmagent.image}) into {@code home}; the embedded demo
   * server and the account that calls it move to a free port, so parallel builds do not meet.
   */
  static Path install(Path home) throws IOException {
    Path image = Path.of(System.getProperty("dmagent.image", "missing"));
    if (!Files.isExecutable(image.resolve("bin/dmagent"))) {
      throw new IllegalStateException(
          "no DM Agent distribution at "
              + image
              + ": build the agent first, or pass -Ddmagent.image=<an unpacked distribution>");
    }
    try (Stream<Path> files = Files.walk(image)) {
      for (Path from : files.toList()) {
        Path to = home.resolve(image.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    String port = String.valueOf(freePort());
    try (Stream<Path> configs = Files.list(home.resolve("config"))) {
      for (Path f : configs.toList()) {
        String text = Files.readString(f);
        Files.writeString(
            f,
            text.replace(":8980/", ":" + port + "/").replace("port=8980\n", "port=" + port + "\n"));
      }
    }
    return home;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static Agent startWithConsole(Path home) throws IOException {
    return new Agent(
        new ProcessBuilder(home.resolve("bin/dmagent").toString(), "--console")
            .redirectErrorStream(true)
            .start());
  }

  List<String> lines() {
    return lines;
  }

  String awaitLine(String containing) throws InterruptedException {
    long deadline = System.currentTimeMillis() + PATIENCE_MS;
    while (System.currentTimeMillis() < deadline) {
      for (String line : lines) {
        if (line.contains(containing)) {
          return line;
        }
      }
      if (!process.isAlive()) {
        break;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(
        "the agent did not print '" + containing + "'; it printed:\n" + String.join("\n", lines));
  }

  /** Types a command into the console; returns what it printed (log lines may be among them). */
  List<String> console(String command) throws IOException, InterruptedException {
    String marker = "end-of-output-" + ++commands;
    int from = lines.size();
    OutputStream keyboard = process.getOutputStream();
    keyboard.write((command + "\necho " + marker + "\n").getBytes(StandardCharsets.UTF_8));
    keyboard.flush();
    long deadline = System.currentTimeMillis() + PATIENCE_MS;
    while (System.currentTimeMillis() < deadline) {
      List<String> printed = new ArrayList<>(lines);
      List<String> out = new ArrayList<>();
      for (String line : printed.subList(Math.min(from, printed.size()), printed.size())) {
        String text = line.replaceFirst("^(g! )+", "");
        if (text.equals(marker)) {
          return out;
        }
        out.add(text);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no answer to '" + command + "':\n" + String.join("\n", lines));
  }

  private void collect() {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        lines.add(line);
      }
    } catch (IOException e) {
      lines.add("(output lost: " + e + ")");
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.toHandle().destroy(); // SIGTERM: the agent stops cleanly
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
