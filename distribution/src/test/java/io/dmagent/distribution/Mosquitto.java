package io.dmagent.distribution;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** A real Mosquitto on a free loopback port; missing: skipped, except on CI. */
record Mosquitto(Process process, int port) implements AutoCloseable {
  static Mosquitto start(Path folder) throws Exception {
    Path binary =
        Stream.of("/usr/sbin/mosquitto", "/usr/bin/mosquitto")
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
    int port = RunningAgent.freePort();
    Path config = folder.resolve("mosquitto.conf");
    Files.writeString(
        config, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
    Process p =
        new ProcessBuilder(binary.toString(), "-c", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(folder.resolve("mosquitto.log").toFile())
            .start();
    Mosquitto broker = new Mosquitto(p, port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline && p.isAlive()) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return broker;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    broker.close();
    throw new IOException("mosquitto not listening on " + port);
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
