package io.dmagent.server.push;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Mosquitto broker for a test, on a free loopback port, from the Debian package {@code
 * mosquitto}. Missing: the test is skipped, except on CI (environment variable {@code CI}), where
 * it fails.
 */
public final class Mosquitto implements AutoCloseable {
  private final Process process;
  private final int port;

  private Mosquitto(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static Mosquitto start(Path folder) throws IOException, InterruptedException {
    Path binary =
        Stream.of("/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto")
            .map(Path::of)
            .filter(Files::isExecutable)
            .findFirst()
            .orElse(null);
    if (binary == null) {
      String why = "mosquitto is not installed (Debian package mosquitto)";
      if (System.getenv("CI") != null) {
        throw new AssertionError("on CI every test runs: " + why);
      }
      Assumptions.abort("skipped: " + why);
    }
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Path config = folder.resolve("mosquitto.conf");
    Files.writeString(
        config, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
    Process p =
        new ProcessBuilder(binary.toString(), "-c", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(folder.resolve("mosquitto.log").toFile())
            .start();
    Mosquitto broker = new Mosquitto(p, port);
    broker.awaitListening();
    return broker;
  }

  public int port() {
    return port;
  }

  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  private void awaitListening() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("mosquitto exited with " + process.exitValue());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    close();
    throw new IOException("mosquitto not listening on " + port + " after 10 s");
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
