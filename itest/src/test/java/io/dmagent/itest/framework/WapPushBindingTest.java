package io.dmagent.itest.framework;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.mo.OptionalFeature;
import io.dmagent.api.push.PushChannel;
import io.dmagent.api.push.PushMessage;
import io.dmagent.api.push.PushOutcome;
import io.dmagent.api.push.PushReceiver;
import io.dmagent.api.push.PushVerdict;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The WAP push binding in the running framework: it listens while its bundle runs and a receiver is
 * there, and a stopped or removed bundle leaves no channel, no feature and no socket behind.
 */
class WapPushBindingTest {
  private static final String BUNDLE = "io.dmagent.push-wap";
  private static final String PID = "io.dmagent.push.wap";

  /** The example of protocol-wire.md 4.5 without the SMS header: C4 = DM 1.2, AF 87 = syncml.dm. */
  private static final byte[] NOTIFICATION =
      concat(
          HexFormat.of().parseHex("8f3b701e832e41da5798d45a300ac28e02d0000000123412"),
          "com.mgmtsrv.manage".getBytes(StandardCharsets.US_ASCII));

  private static final byte[] PDU = concat(HexFormat.of().parseHex("010603C4AF87"), NOTIFICATION);

  @RegisterExtension final InFramework dm = new InFramework();

  private final BlockingQueue<PushMessage> received = new LinkedBlockingQueue<>();

  @Test
  void the_binding_serves_while_installed_and_frees_its_port_when_stopped_or_removed()
      throws Exception {
    Bundle wap = bundle();
    String mark = UUID.randomUUID().toString();
    int port = freeUdpPort();
    String endpoint = "udp://127.0.0.1:" + port;
    configure(port, mark); // before the receiver: the binding never opens the default port here
    ServiceRegistration<PushReceiver> receiver = registerReceiver(mark);
    try {

      assertListening(endpoint, port);

      wap.stop();
      assertGone(endpoint, port);
      wap.start();
      assertListening(endpoint, port);

      byte[] jar = read(wap.getLocation());
      String location = wap.getLocation();
      wap.uninstall();
      assertGone(endpoint, port);
      wap = dm.context.installBundle(location, new ByteArrayInputStream(jar));
      wap.start();
      assertListening(endpoint, port);
    } finally {
      receiver.unregister();
    }
  }

  /** The channel and the feature are registered and a datagram reaches the receiver. */
  private void assertListening(String endpoint, int port) throws Exception {
    await(() -> channel(endpoint) && feature(endpoint), "the WAP channel on " + endpoint);
    received.clear();
    try (DatagramSocket sender = new DatagramSocket()) {
      sender.send(
          new DatagramPacket(
              PDU, PDU.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
    }
    PushMessage push = received.poll(InFramework.PATIENCE.toSeconds(), TimeUnit.SECONDS);
    assertThat(push).as("a push through %s", endpoint).isNotNull();
    assertThat(push.binding()).isEqualTo("wap");
    assertThat(push.contentType()).isEqualTo("application/vnd.syncml.notification");
    assertThat(push.body()).isEqualTo(NOTIFICATION);
  }

  /** No channel, no feature, and the port can be bound again at once. */
  private void assertGone(String endpoint, int port) throws Exception {
    assertThat(channel(endpoint)).as("channel after stop").isFalse();
    assertThat(feature(endpoint)).as("feature after stop").isFalse();
    try (DatagramSocket again =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
  }

  private boolean channel(String endpoint) throws Exception {
    var refs = dm.context.getServiceReferences(PushChannel.class, null);
    for (var ref : refs) {
      PushChannel c = dm.context.getService(ref);
      try {
        if (c != null && c.binding().equals("wap") && c.endpoint().equals(endpoint)) {
          return true;
        }
      } finally {
        dm.context.ungetService(ref);
      }
    }
    return false;
  }

  private boolean feature(String endpoint) throws Exception {
    var refs = dm.context.getServiceReferences(OptionalFeature.class, null);
    for (var ref : refs) {
      OptionalFeature f = dm.context.getService(ref);
      try {
        if (f != null && f.name().equals("PushWAP") && f.description().endsWith(endpoint)) {
          return true;
        }
      } finally {
        dm.context.ungetService(ref);
      }
    }
    return false;
  }

  private ServiceRegistration<PushReceiver> registerReceiver(String mark) {
    Hashtable<String, Object> properties = new Hashtable<>();
    properties.put("itest.receiver", mark);
    return dm.context.registerService(
        PushReceiver.class,
        new PushReceiver() {
          @Override
          public PushVerdict receive(PushMessage message) {
            received.add(message);
            return PushVerdict.of(PushOutcome.ACCEPTED, "recorded");
          }

          @Override
          public int maxMessageSize() {
            return 4096;
          }
        },
        properties);
  }

  /** Points the binding at a free port and at this test's receiver (whatever else is there). */
  private void configure(int port, String mark) throws Exception {
    Configuration c = dm.service(ConfigurationAdmin.class).getConfiguration(PID, "?");
    Hashtable<String, Object> properties = new Hashtable<>();
    properties.put("bindAddress", "127.0.0.1");
    properties.put("port", port);
    properties.put("receiver.target", "(itest.receiver=" + mark + ")");
    c.update(properties);
  }

  private Bundle bundle() {
    return Arrays.stream(dm.context.getBundles())
        .filter(b -> b.getSymbolicName().equals(BUNDLE))
        .findFirst()
        .orElseThrow(() -> new AssertionError(BUNDLE + " is not installed"));
  }

  /** The bundle's jar, from where the framework installed it. */
  private static byte[] read(String location) throws IOException {
    String url = location.startsWith("reference:") ? location.substring(10) : location;
    try (InputStream in =
        url.contains(":") && !url.startsWith("/")
            ? new URL(url).openStream()
            : Files.newInputStream(Path.of(url))) {
      return in.readAllBytes();
    }
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  private static void await(Check check, String what) throws Exception {
    long end = System.nanoTime() + InFramework.PATIENCE.toNanos();
    while (!check.holds()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("no " + what + " in time");
      }
      Thread.sleep(20);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
