package io.dmagent.sessionless;

import io.dmagent.accounts.TreeAccounts;
import io.dmagent.api.account.AccountSpec;
import io.dmagent.api.account.Accounts;
import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.CommandName;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.ItemCommand;
import io.dmagent.api.message.ItemData;
import io.dmagent.api.message.Locator;
import io.dmagent.api.message.Meta;
import io.dmagent.api.message.SyncHeader;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.outbox.OverflowPolicy;
import io.dmagent.api.push.PushContentType;
import io.dmagent.api.push.PushMessage;
import io.dmagent.api.push.PushOutcome;
import io.dmagent.api.session.AlertMark;
import io.dmagent.api.session.GenericAlert;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.TreeOperations;
import io.dmagent.codec.description.DdfTndsCodec;
import io.dmagent.codec.message.SyncMlCodec;
import io.dmagent.outbox.StoreOutbox;
import io.dmagent.protocol.CommandRunnerService;
import io.dmagent.pushmqtt.BenchMqtt;
import io.dmagent.stdobj.StandardObjects;
import io.dmagent.tree.PlainTree;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Sessionless reports and commands as the agent runs them, measured against floors in the same run
 * (benchmarks/sessionless.sh). Reports: {@code Reporter.report} (one report a call) and {@code
 * Reporter.reportAll} (a producer handing over several at once) into a durable outbox (forced to
 * disk) from several callers while the {@code ReportSender} thread batches and publishes them QoS 1
 * over the MQTT binding's channel to a local Mosquitto; the rate is reports stored until the outbox
 * is empty. Ceiling: raw Paho publishing the same number of single-report envelopes QoS 1 to the
 * same broker, up to 900 in flight. Commands: a signed envelope with one Replace handed to the
 * command handler (MAC, replay guard forced to disk, the protocol's command processing on a real
 * tree) against the floor of the same Replace done directly on the tree.
 */
public final class SessionlessDriver {
  private static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");
  private static final String DEV_ID = "IMEI:bench";
  private static final String SERVER = "srv1";
  private static final String SERVER_SECRET = "srv-s3cret";
  private static final String TOPIC = "dm/" + DEV_ID + "/reports";

  private SessionlessDriver() {}

  public static void main(String[] args) throws Exception {
    int reports = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int callers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int commands = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
    int batch = args.length > 3 ? Integer.parseInt(args[3]) : 20;
    Path dir = Files.createTempDirectory("sessionless-bench");
    int port = freePort();
    Process broker = startBroker(dir, port);
    try (BenchMqtt mqtt = BenchMqtt.connect(port, DEV_ID, TOPIC)) {
      for (int round = 1; round <= 3; round++) {
        double raw = rawPaho(port, reports);
        double ours =
            sessionlessReports(dir.resolve("round" + round), mqtt, port, reports, callers, 1);
        double batched =
            sessionlessReports(
                dir.resolve("round" + round + "-batched"), mqtt, port, reports, callers, batch);
        System.out.printf(
            Locale.ROOT,
            "round %d: sessionless reports %.0f /s one a call, %.0f /s %d a call (%d callers,"
                + " outbox durable)  raw Paho QoS 1 %.0f /s  ratios %.2f / %.2f%n",
            round,
            ours,
            batched,
            batch,
            callers,
            raw,
            ours / raw,
            batched / raw);
      }
    } finally {
      broker.destroy();
      broker.waitFor(10, TimeUnit.SECONDS);
    }
    commandLatency(dir.resolve("commands"), commands);
  }

  /** Reports per second from the first stored to the last acknowledged by the broker. */
  private static double sessionlessReports(
      Path dir, BenchMqtt mqtt, int port, int count, int callers, int batch) throws Exception {
    Files.createDirectories(dir);
    Bench agent = new Bench();
    try (StoreOutbox outbox =
        StoreOutbox.open(dir.resolve("outbox"), count + 1, OverflowPolicy.REJECT_NEW, l -> {})) {
      ReportMessages messages =
          new ReportMessages(
              agent.accounts, agent.codec, DevId.of(agent.tree), Encoding.XML, Clock.systemUTC());
      ReportAddresses addresses =
          new ReportAddresses(
              agent.accounts, agent.tree, Map.of(SERVER, "mqtt://127.0.0.1:" + port + "/" + TOPIC));
      ReportSender sender =
          new ReportSender(
              outbox,
              agent.codec,
              messages,
              addresses::of,
              scheme -> Optional.of(mqtt.channel()).filter(c -> c.schemes().contains(scheme)),
              Integer.getInteger("maxBatch", 500),
              Duration.ofMillis(100),
              Duration.ofSeconds(2),
              System::currentTimeMillis,
              System.err::println);
      Reporter reporter = new Reporter(outbox, agent.accounts, agent.codec, sender::wake);
      Thread thread = new Thread(sender, "bench-sender");
      thread.start();
      int each = count / callers;
      long start = System.nanoTime();
      List<Thread> producers = new ArrayList<>();
      for (int c = 0; c < callers; c++) {
        int from = c * each;
        Thread t =
            new Thread(
                () -> {
                  for (int i = 0; i < each; i += batch) {
                    try {
                      if (batch == 1) {
                        reporter.report(SERVER, alert(from + i));
                      } else {
                        List<GenericAlert> alerts = new ArrayList<>();
                        for (int k = i; k < Math.min(each, i + batch); k++) {
                          alerts.add(alert(from + k));
                        }
                        reporter.reportAll(SERVER, alerts);
                      }
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  }
                });
        producers.add(t);
        t.start();
      }
      for (Thread t : producers) {
        t.join();
      }
      long stored = System.nanoTime() - start;
      int left = outbox.pending(Reporter.TOPIC).size();
      while (!outbox.pending(Reporter.TOPIC).isEmpty()) {
        Thread.sleep(5);
      }
      long elapsed = System.nanoTime() - start;
      System.out.printf(
          Locale.ROOT,
          "  all %d stored after %.2f s (%.0f /s), %d of them not yet delivered; outbox empty after"
              + " %.2f s%n",
          each * callers,
          stored / 1e9,
          each * callers / (stored / 1e9),
          left,
          elapsed / 1e9);
      sender.stop();
      thread.join(5_000);
      return each * callers / (elapsed / 1e9);
    }
  }

  private static GenericAlert alert(int i) {
    return new GenericAlert(
        "urn:dmagent:at:temperature",
        NodeFormat.CHR,
        AlertMark.INFORMATIONAL,
        Optional.empty(),
        ("reading " + i).getBytes(StandardCharsets.UTF_8),
        Optional.empty());
  }

  /** Raw Paho: {@code count} single-report envelopes QoS 1, up to 900 in flight. */
  private static double rawPaho(int port, int count) throws Exception {
    byte[] report = singleReport();
    MqttAsyncClient raw =
        new MqttAsyncClient("tcp://127.0.0.1:" + port, "raw-paho-bench", new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMaxInflight(1000);
    raw.connect(options).waitForCompletion(10_000);
    Semaphore window = new Semaphore(900);
    CountDownLatch done = new CountDownLatch(count);
    IMqttActionListener acked =
        new IMqttActionListener() {
          @Override
          public void onSuccess(IMqttToken token) {
            window.release();
            done.countDown();
          }

          @Override
          public void onFailure(IMqttToken token, Throwable e) {
            System.err.println("raw publish failed: " + e);
          }
        };
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      window.acquire();
      while (true) {
        try {
          raw.publish(TOPIC, report, 1, false, null, acked);
          break;
        } catch (MqttException e) {
          if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT) {
            throw e;
          }
          Thread.sleep(0, 200_000); // paho.mqtt.java#551: its in-flight count lags
        }
      }
    }
    if (!done.await(5, TimeUnit.MINUTES)) {
      throw new IllegalStateException("raw Paho: not all acknowledged");
    }
    long elapsed = System.nanoTime() - start;
    raw.disconnect().waitForCompletion(5_000);
    raw.close();
    return count / (elapsed / 1e9);
  }

  /** An envelope of one Generic Alert as the agent sends one alone (about 600 bytes). */
  private static byte[] singleReport() {
    String message = "<SyncML>" + "x".repeat(420) + "</SyncML>";
    return ("x-syncml-hmac: algorithm=MD5, username=\"gw42\", mac=AAAAAAAAAAAAAAAAAAAAAA==\r\n"
            + "x-dm-timestamp: 1765100000000\r\n"
            + "x-dm-report-ids: 0000000000000001\r\n"
            + "Content-Type: application/vnd.syncml.dm+xml\r\n\r\n"
            + message)
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** Median of a command received to applied, and of its floor, alternated. */
  private static void commandLatency(Path dir, int count) throws Exception {
    Files.createDirectories(dir);
    Bench agent = new Bench();
    CommandHandler handler =
        new CommandHandler(
            agent.accounts,
            agent.codec,
            new CommandRunnerService(agent.tree, new DdfTndsCodec(), l -> {}),
            ReplayStore.open(dir, Duration.ofSeconds(300)),
            (server, commandSessionId, outcome) -> "unused",
            DevId.of(agent.tree),
            false,
            65536,
            Clock.systemUTC(),
            l -> {});
    TreeOperations asServer = agent.tree.operations(Principal.server(SERVER));
    NodeUri temp = NodeUri.of("./Vendor/Temp");
    long[] command = new long[count];
    long[] floor = new long[count];
    long ts = System.currentTimeMillis();
    for (int i = 0; i < count; i++) {
      byte[] body = agent.envelope(++ts, "c" + i);
      PushMessage push =
          new PushMessage("mqtt", PushContentType.DM_MESSAGE_XML.mimeType(), body, "bench");
      long t0 = System.nanoTime();
      PushOutcome outcome = handler.handle(push).outcome();
      command[i] = System.nanoTime() - t0;
      if (outcome != PushOutcome.ACCEPTED) {
        throw new IllegalStateException("command refused: " + outcome);
      }
      t0 = System.nanoTime();
      asServer.replace(temp, NodeValue.text("f" + i));
      floor[i] = System.nanoTime() - t0;
    }
    int warm = count / 5; // the first fifth warms the JIT up
    System.out.printf(
        Locale.ROOT,
        "sessionless command received -> applied: median %.3f ms (p90 %.3f ms); floor (the same"
            + " Replace on the tree directly): median %.3f ms; %d commands after %d warm-up%n",
        percentile(command, warm, 0.5) / 1e6,
        percentile(command, warm, 0.9) / 1e6,
        percentile(floor, warm, 0.5) / 1e6,
        count - warm,
        warm);
  }

  private static double percentile(long[] samples, int skip, double p) {
    long[] s = Arrays.copyOfRange(samples, skip, samples.length);
    Arrays.sort(s);
    return s[(int) Math.min(s.length - 1, Math.floor(p * s.length))];
  }

  /** A tree with DevInfo, DMAcc with one account, and a leaf only that server may change. */
  private static final class Bench {
    final DmTree tree;
    final Accounts accounts;
    final SyncMlCodec codec = new SyncMlCodec();

    Bench() throws Exception {
      StandardObjects std = StandardObjects.device(DEV_ID);
      PlainTree plain = PlainTree.inMemory().codec(new DdfTndsCodec()).log(l -> {}).open();
      plain.graft(std.devInfo());
      plain.graft(std.dmAcc());
      tree = plain;
      accounts = TreeAccounts.on(tree, l -> {});
      accounts.write(
          new AccountSpec(
                  "acc1",
                  SERVER,
                  "",
                  URI.create("http://127.0.0.1:1/dm"),
                  Optional.of("HMAC"),
                  "gw42",
                  "cl-s3cret")
              .withServerSecret(SERVER_SECRET));
      TreeOperations device = tree.operations(Principal.device());
      device.addInterior(NodeUri.of("./Vendor"), null);
      device.replaceProperty(NodeUri.of("./Vendor"), NodeProperty.ACL, "Get=srv1&Replace=srv1");
      device.addLeaf(NodeUri.of("./Vendor/Temp"), NodeValue.text("20"));
    }

    /** A server's signed envelope with one Replace of ./Vendor/Temp. */
    byte[] envelope(long timestamp, String value) {
      SyncHeader h =
          new SyncHeader(
              SyncHeader.VER_DTD,
              SyncHeader.DM_1_3,
              Long.toHexString(timestamp).toUpperCase(Locale.ROOT),
              "1",
              Locator.of(DEV_ID),
              Locator.of(SERVER),
              Optional.empty(),
              Optional.empty(),
              Optional.empty());
      ItemCommand replace =
          ItemCommand.of(
              CommandName.REPLACE,
              "1",
              Item.target("./Vendor/Temp", Meta.of("chr", "text/plain"), ItemData.text(value)));
      byte[] body = codec.encode(new SyncMessage(h, List.of(replace), true), Encoding.XML);
      // The envelope written out as FRAMINGS.md gives it (MD5 x-syncml-hmac, nonce the timestamp).
      String ts = Long.toString(timestamp);
      String mac =
          b64md5(
              (b64md5((SERVER + ":" + SERVER_SECRET).getBytes(StandardCharsets.UTF_8))
                      + ":"
                      + ts
                      + ":"
                      + b64md5(body))
                  .getBytes(StandardCharsets.UTF_8));
      String head =
          "x-syncml-hmac: algorithm=MD5, username=\""
              + SERVER
              + "\", mac="
              + mac
              + "\r\nx-dm-timestamp: "
              + ts
              + "\r\nContent-Type: application/vnd.syncml.dm+xml\r\n\r\n";
      byte[] h1 = head.getBytes(StandardCharsets.US_ASCII);
      byte[] out = Arrays.copyOf(h1, h1.length + body.length);
      System.arraycopy(body, 0, out, h1.length, body.length);
      return out;
    }

    private static String b64md5(byte[] bytes) {
      try {
        return java.util.Base64.getEncoder()
            .encodeToString(java.security.MessageDigest.getInstance("MD5").digest(bytes));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static Process startBroker(Path dir, int port) throws Exception {
    if (!Files.isExecutable(MOSQUITTO)) {
      throw new IllegalStateException("needs Mosquitto (Debian package mosquitto) at " + MOSQUITTO);
    }
    Path conf =
        Files.write(
            dir.resolve("mosquitto.conf"),
            List.of("listener " + port + " 127.0.0.1", "allow_anonymous true"));
    Process p =
        new ProcessBuilder(MOSQUITTO.toString(), "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("mosquitto.out").toFile())
            .start();
    for (int i = 0; i < 400; i++) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return p;
      } catch (IOException notYet) {
        Thread.sleep(25);
      }
    }
    throw new IllegalStateException("mosquitto did not listen on " + port);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
