package io.dmagent.pushwap;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.log.RefusalLog;
import io.dmagent.api.push.PushMessage;
import io.dmagent.api.testing.RecordingPushReceiver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A push sent by a real WAP push proxy gateway: Kannel's wapbox (PPG) takes a PAP push-message over
 * HTTP for {@code WAPPUSH=<address>/TYPE=IPv4} and sends the connectionless WSP push, through its
 * bearerbox, to that address's UDP port 2948, which Kannel does not let us change. So the listener
 * and bearerbox bind a random loopback address of 127/8 of their own, and the test does not depend
 * on 127.0.0.1:2948 being free. Skipped when Kannel is not installed, except under CI.
 */
class KannelPushTest {
  private static final Path BEARERBOX = Path.of("/usr/sbin/bearerbox");
  private static final Path WAPBOX = Path.of("/usr/sbin/wapbox");
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @TempDir Path folder;
  private final List<Process> boxes = new ArrayList<>();
  private WapPushListener listener;

  @AfterEach
  void stop() throws InterruptedException {
    if (listener != null) {
      listener.close();
    }
    java.util.Collections.reverse(boxes); // wapbox before bearerbox
    for (Process box : boxes) {
      box.destroy();
      if (!box.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        box.destroyForcibly();
      }
    }
  }

  @Test
  void kannel_ppg_delivers_a_pap_push_as_exactly_the_notification_bytes() throws Exception {
    boolean installed = Files.isExecutable(BEARERBOX) && Files.isExecutable(WAPBOX);
    if (!"true".equals(System.getenv("CI"))) {
      Assumptions.assumeTrue(installed, "Kannel (Debian kannel) is not installed");
    }
    assertThat(installed).as("Kannel's bearerbox and wapbox (CI installs kannel)").isTrue();

    ThreadLocalRandom random = ThreadLocalRandom.current();
    String address = "127." + random.nextInt(1, 255) + "." + random.nextInt(1, 255) + ".2";
    RecordingPushReceiver receiver = new RecordingPushReceiver(4096);
    listener =
        WapPushListener.open(
            new InetSocketAddress(InetAddress.getByName(address), 2948),
            receiver,
            RefusalLog.standard(line -> {}, java.time.Clock.systemUTC()),
            line -> {});
    int ppgPort = startKannel(address);

    byte[] dm12 = Pdus.specNotification();
    PushMessage push =
        pushUntilDelivered(ppgPort, address, "application/vnd.syncml.notification", dm12, receiver);
    assertThat(push.contentType()).isEqualTo("application/vnd.syncml.notification");
    assertThat(push.body()).isEqualTo(dm12);
    assertThat(push.origin()).startsWith("udp:" + address + ":");

    byte[] dm13 = Pdus.concat(new byte[16], Pdus.hex("0354000012340000"));
    push =
        pushUntilDelivered(
            ppgPort, address, "application/vnd.syncml.dm.notification", dm13, receiver);
    assertThat(push.contentType()).isEqualTo("application/vnd.syncml.dm.notification");
    assertThat(push.body()).isEqualTo(dm13);
  }

  /** Starts bearerbox and wapbox on free ports; answers the PPG's HTTP port once it listens. */
  private int startKannel(String address) throws Exception {
    int admin = freePort();
    int boxPort = freePort();
    int ppgPort = freePort();
    Path conf = folder.resolve("kannel.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "group = core",
            "admin-port = " + admin,
            "admin-password = " + Long.toHexString(random().nextLong()),
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
    boxes.add(start(BEARERBOX, conf, "bearerbox.out"));
    awaitListening(boxPort, "bearerbox");
    boxes.add(start(WAPBOX, conf, "wapbox.out"));
    awaitListening(ppgPort, "wapbox's PPG");
    return ppgPort;
  }

  private static ThreadLocalRandom random() {
    return ThreadLocalRandom.current();
  }

  private Process start(Path box, Path conf, String output) throws IOException {
    return new ProcessBuilder(box.toString(), conf.toString())
        .redirectErrorStream(true)
        .redirectOutput(folder.resolve(output).toFile())
        .start();
  }

  private void awaitListening(int port, String what) throws Exception {
    long end = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < end) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError(what + " did not listen on " + port + " in time\n" + logs());
  }

  /**
   * POSTs the PAP push-message; the first may race wapbox's own connection to bearerbox (the PPG
   * answers 1001 "accepted for processing" either way), so it is sent again, at most thrice.
   */
  private PushMessage pushUntilDelivered(
      int ppgPort, String address, String type, byte[] notification, RecordingPushReceiver receiver)
      throws Exception {
    for (int attempt = 0; attempt < 3; attempt++) {
      HttpResponse<String> answer = papPush(ppgPort, address, type, notification);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
      assertThat(answer.body()).contains("code =\"1001\"");
      PushMessage push = receiver.next();
      if (push != null) {
        return push;
      }
    }
    throw new AssertionError("Kannel accepted the push but no datagram arrived\n" + logs());
  }

  private static HttpResponse<String> papPush(
      int ppgPort, String address, String type, byte[] notification) throws Exception {
    String boundary = "dm-push-" + Long.toHexString(random().nextLong());
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
                + type
                + "\r\nX-Wap-Application-Id: x-wap-application:syncml.dm\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    body.writeBytes(notification);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ppgPort + "/wappush"))
            .header(
                "Content-Type",
                "multipart/related; boundary=" + boundary + "; type=\"application/xml\"")
            .timeout(PATIENCE)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private String logs() {
    StringBuilder out = new StringBuilder();
    for (String name : List.of("bearerbox.out", "wapbox.out", "bearerbox.log", "wapbox.log")) {
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

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
