package io.dmagent.distribution;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The assembled distribution, copied to a folder of the test's own and started as an operator
 * starts it: {@code bin/dmagent} as a child process with standard input closed, or with {@code
 * --console} and standard input as the Gogo shell's keyboard. Collects what it prints.
 */
final class RunningAgent implements AutoCloseable {
  static final Duration PATIENCE = Duration.ofSeconds(60);

  private final Path home;
  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Thread reader;
  private final Optional<Path> log = AgentLogs.newLog();
  private int consoleCommands;

  private RunningAgent(Path home, Process process) {
    this.home = home;
    this.process = process;
    this.reader = new Thread(this::collect, "agent-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** A fresh copy of the image in {@code dir}, not started. */
  static Path install(Path dir) throws IOException {
    Path image = Path.of(System.getProperty("dmagent.image", "target/dmagent"));
    copyTree(image, dir);
    dir.resolve("bin/dmagent").toFile().setExecutable(true);
    movePort(dir, DEMO_PORT, freePort());
    return dir;
  }

  /** The embedded reference server's port in the shipped configuration. */
  static final int DEMO_PORT = 8980;

  /**
   * Moves the embedded server (and every configured address naming it) to another port: agents of
   * parallel builds on one machine must not fight over the shipped one.
   */
  static void movePort(Path home, int from, int to) throws IOException {
    try (var files = Files.list(home.resolve("config"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String text = Files.readString(f, StandardCharsets.UTF_8);
        String moved =
            text.replace("port=" + from + "\n", "port=" + to + "\n")
                .replace(":" + from + "/", ":" + to + "/");
        if (!moved.equals(text)) {
          Files.writeString(f, moved, StandardCharsets.UTF_8);
        }
      }
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static RunningAgent start(Path home, Map<String, String> env) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(home.resolve("bin/dmagent").toString())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectErrorStream(true);
    pb.environment().putAll(env);
    return new RunningAgent(home, pb.start());
  }

  static RunningAgent start(Path home) throws IOException {
    return start(home, Map.of());
  }

  /** {@code bin/dmagent} with {@code arguments} (e.g. {@code --clean}). */
  static RunningAgent start(Path home, List<String> arguments) throws IOException {
    List<String> command = new ArrayList<>(List.of(home.resolve("bin/dmagent").toString()));
    command.addAll(arguments);
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectErrorStream(true);
    return new RunningAgent(home, pb.start());
  }

  /** {@code bin/dmagent --console}: standard input stays open for {@link #console(String)}. */
  static RunningAgent startWithConsole(Path home) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(home.resolve("bin/dmagent").toString(), "--console")
            .redirectErrorStream(true);
    return new RunningAgent(home, pb.start());
  }

  /**
   * Types {@code command} into the console and returns what it printed: the lines up to a marker
   * echoed right after it, without the shell's {@code g! } prompts (log lines printed meanwhile are
   * among them).
   */
  List<String> console(String command) throws IOException, InterruptedException {
    String marker = "end-of-console-output-" + ++consoleCommands;
    int from = lines.size();
    OutputStream keyboard = process.getOutputStream();
    keyboard.write((command + "\necho " + marker + "\n").getBytes(StandardCharsets.UTF_8));
    keyboard.flush();
    awaitLine(l -> l.endsWith(marker) && !l.contains("echo"));
    List<String> out = new ArrayList<>();
    List<String> printed = new ArrayList<>(lines);
    for (String line : printed.subList(from, printed.size())) {
      String text = line.replaceFirst("^(g! )+", "");
      if (text.endsWith(marker) && !text.contains("echo")) {
        // A log line printed meanwhile may share the marker's line: what comes before it is output.
        String before =
            text.substring(0, text.length() - marker.length()).replaceFirst("(g! )+$", "");
        if (!before.isEmpty()) {
          out.add(before);
        }
        return out;
      }
      out.add(text);
    }
    throw new AssertionError("marker " + marker + " lost");
  }

  Path home() {
    return home;
  }

  /**
   * The agent's JVM: a child of bin/dmagent, which supervises it (FUMO's trial and rollback), or
   * bin/dmagent itself when it ran the JVM unsupervised.
   */
  long pid() {
    return process
        .toHandle()
        .descendants()
        .filter(
            h ->
                h.info()
                    .arguments()
                    .map(a -> List.of(a).contains("io.dmagent.launcher.Main"))
                    .orElse(false))
        .mapToLong(ProcessHandle::pid)
        .findFirst()
        .orElse(process.pid());
  }

  List<String> lines() {
    return lines;
  }

  /** The first line matching, waiting for it as long as the agent's patience allows. */
  String awaitLine(Predicate<String> matching) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : lines) {
        if (matching.test(line)) {
          return line;
        }
      }
      if (!process.isAlive() && !hasLine(matching)) {
        throw new AssertionError(
            "agent exited ("
                + process.exitValue()
                + ") without printing the line; it printed:\n"
                + String.join("\n", lines));
      }
      Thread.sleep(50);
    }
    throw new AssertionError(
        "agent did not print the expected line within "
            + PATIENCE
            + "; it printed:\n"
            + String.join("\n", lines));
  }

  String awaitLine(String containing) throws InterruptedException {
    return awaitLine(l -> l.contains(containing));
  }

  private boolean hasLine(Predicate<String> matching) {
    return lines.stream().anyMatch(matching);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGTERM, as systemd stops a service; returns the exit code. */
  int terminate() throws InterruptedException {
    // Process.destroy() would close our end of the output too; a plain SIGTERM leaves it open to
    // the last line.
    process.toHandle().destroy();
    if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("agent did not stop on SIGTERM within " + PATIENCE);
    }
    reader.join(PATIENCE.toMillis()); // everything it printed before exiting
    return process.exitValue();
  }

  int awaitExit() throws InterruptedException {
    if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError("agent did not exit");
    }
    reader.join(PATIENCE.toMillis());
    return process.exitValue();
  }

  /**
   * Collects every line, and writes it at once to the log file {@link AgentLogs} prints when the
   * test fails (at once: a test that hangs and is killed still leaves it).
   */
  private void collect() {
    try (BufferedReader r =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter file = logWriter()) {
      for (String line; (line = r.readLine()) != null; ) {
        lines.add(line);
        file.println(line); // a PrintWriter: a full disk costs the file, not the test
        file.flush();
      }
    } catch (IOException e) {
      lines.add("(output lost: " + e + ")");
    }
  }

  private PrintWriter logWriter() throws IOException {
    return new PrintWriter(
        log.isPresent()
            ? Files.newBufferedWriter(log.get(), StandardCharsets.UTF_8)
            : Writer.nullWriter());
  }

  @Override
  public void close() {
    // The JVM is bin/dmagent's child: killing the script alone would leave it running.
    process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Files.createDirectories(to.resolve(from.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.copy(
                file,
                to.resolve(from.relativize(file).toString()),
                StandardCopyOption.COPY_ATTRIBUTES);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
