package io.dmagent.api.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real WAP push proxy gateway: Kannel's bearerbox and wapbox (its PPG) on free loopback ports,
 * configured in a folder of the test's. The PPG takes a PAP push-message over HTTP for {@code
 * WAPPUSH=<address>/TYPE=IPv4} and sends the connectionless WSP push to that address's UDP port
 * {@value #WDP_PORT}, which Kannel does not let us change: so the listener under test binds an
 * address of 127/8 of its own ({@link #randomLoopbackAddress()}) and no test depends on
 * 127.0.0.1:2948 being free. Shared by push-wap's and the distribution's tests (the api's test
 * jar).
 */
public final class Kannel implements AutoCloseable {
  /** The UDP port Kannel sends connectionless pushes to, whatever the configuration. */
  public static final int WDP_PORT = 2948;

  private static final Path BEARERBOX = Path.of("/usr/sbin/bearerbox");
  private static final Path WAPBOX = Path.of("/usr/sbin/wapbox");
  private static final List<String> LOGS =
      List.of("bearerbox.out", "wapbox.out", "bearerbox.log", "wapbox.log");

  private final Path folder;
  private final String address;
  private final Duration patience;
  private final List<Process> boxes = new ArrayList<>();
  private int ppgPort;

  private Kannel(Path folder, String address, Duration patience) {
    this.folder = folder;
    this.address = address;
    this.patience = patience;
  }

  /** Skips the test when Kannel (Debian kannel) is not installed; fails it on CI instead. */
  public static void assumeInstalled() {
    if (Files.isExecutable(BEARERBOX) && Files.isExecutable(WAPBOX)) {
      return;
    }
    String missing = "Kannel's bearerbox and wapbox not found: apt-get install kannel";
    if (System.getenv("CI") != null) {
      throw new AssertionError("on CI every test runs: " + missing);
    }
    Assumptions.abort(missing);
  }

  /** An address of 127/8 other than 127.0.0.1 for the listener the pushes go to. */
  public static String randomLoopbackAddress() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "127." + random.nextInt(1, 255) + "." + random.nextInt(1, 255) + ".2";
  }

  /**
   * Starts bearerbox, then wapbox, pushing to {@code address}; returns once the PPG listens. Logs
   * and the configuration go to {@code folder}; {@code patience} bounds each wait.
   */
  public static Kannel start(Path folder, String address, Duration patience) throws Exception {
    Kannel kannel = new Kannel(folder, address, patience);
    try {
      kannel.startBoxes();
      return kannel;
    } catch (Exception | AssertionError e) {
      kannel.close();
      throw e;
    }
  }

  private void startBoxes() throws Exception {
    int admin = freePort();
    int boxPort = freePort();
    ppgPort = freePort();
    Path conf = folder.resolve("kannel.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "group = core",
            "admin-port = " + admin,
            "admin-password = " + Long.toHexString(ThreadLocalRandom.current().nextLong()),
            "wapbox-port = " + boxPort,
            "wdp-interface-name = \"" + address + "\"",
            "box-allow-ip = 127.0.0.1",
            "udp-allow-ip = 127.0.0.1;" + address,
            "log-file = \"" + folder.resolve("bearerbox.log") + "\"",
            "log-level = 0",
            "",
            "group = wapbox",
            "bearerbox-host = 127.0.0.1",
            "log-file = \"" + folder.resolve("wapbox.log") + "\"",
            "log-level = 0",
            "",
            "group = ppg",
            "ppg-url = /wappush",
            "ppg-port = " + ppgPort,
            "ppg-allow-ip = 127.0.0.1",
            "concurrent-pushes = 10",
            "trusted-pi = true",
            "users = 1",
            ""));
    boxes.add(box(BEARERBOX, conf, "bearerbox.out"));
    awaitListening(boxPort, "bearerbox");
    boxes.add(box(WAPBOX, conf, "wapbox.out"));
    awaitListening(ppgPort, "wapbox's PPG");
  }

  /**
   * POSTs a PAP push-message with {@code notification} of {@code contentType} and asserts the PPG
   * took it (HTTP 202, PAP code 1001 "accepted for processing"). The first may race wapbox's own
   * connection to bearerbox, which the PPG does not tell: callers send again when nothing arrives.
   */
  public void push(String contentType, byte[] notification) throws Exception {
    HttpResponse<String> answer = papPush(contentType, notification);
    if (answer.statusCode() != 202 || !answer.body().contains("code =\"1001\"")) {
      throw new AssertionError(
          "the PPG refused the push: " + answer.statusCode() + " " + answer.body());
    }
  }

  private HttpResponse<String> papPush(String contentType, byte[] notification) throws Exception {
    String boundary = "dm-push-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    String pap =
        "<?xml version=\"1.0\"?>\r\n"
            + "<!DOCTYPE pap PUBLIC \"-//WAPFORUM//DTD PAP 1.0//EN\""
            + " \"http://www.wapforum.org/DTD/pap_1.0.dtd\">\r\n"
            + "<pap><push-message push-id=\""
            + boundary
            + "@dmagent.test\"><address address-value=\"WAPPUSH="
            + address
            + "/TYPE=IPv4@ppg.example\"/>"
            + "<quality-of-service delivery-method=\"unconfirmed\"/></push-message></pap>";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(
        ("--" + boundary + "\r\nContent-Type: application/xml\r\n\r\n" + pap + "\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Type: "
                + contentType
                + "\r\nX-Wap-Application-Id: x-wap-application:syncml.dm\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    body.writeBytes(notification);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ppgPort + "/wappush"))
            .header(
                "Content-Type",
                "multipart/related; boundary=" + boundary + "; type=\"application/xml\"")
            .timeout(patience)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** The last lines of each box's output and log, for a failure's message. */
  public String logs() {
    StringBuilder out = new StringBuilder();
    for (String name : LOGS) {
      try {
        Path log = folder.resolve(name);
        if (Files.exists(log)) {
          List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
          out.append("== ").append(name).append('\n');
          lines
              .subList(Math.max(0, lines.size() - 20), lines.size())
              .forEach(l -> out.append(l).append('\n'));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out.toString();
  }

  /** Stops wapbox before bearerbox. */
  @Override
  public void close() throws InterruptedException {
    Collections.reverse(boxes);
    for (Process box : boxes) {
      box.destroy();
      if (!box.waitFor(10, TimeUnit.SECONDS)) {
        box.destroyForcibly();
      }
    }
    boxes.clear();
  }

  private Process box(Path binary, Path conf, String output) throws IOException {
    return new ProcessBuilder(binary.toString(), conf.toString())
        .redirectErrorStream(true)
        .redirectOutput(folder.resolve(output).toFile())
        .start();
  }

  private void awaitListening(int port, String what) throws Exception {
    long end = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < end) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError(what + " did not listen on " + port + " in time\n" + logs());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
