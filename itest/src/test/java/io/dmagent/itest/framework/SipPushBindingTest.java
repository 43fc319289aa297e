package io.dmagent.itest.framework;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.mo.OptionalFeature;
import io.dmagent.api.push.PushChannel;
import io.dmagent.api.push.PushMessage;
import io.dmagent.api.push.PushOutcome;
import io.dmagent.api.push.PushReceiver;
import io.dmagent.api.push.PushVerdict;
import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The SIP push binding installed into the running framework from the distribution's {@code system/}
 * folder, as the feature {@code dm-push-sip} installs it: it listens, registers its push channel
 * and the optional feature PushSIP, hands a MESSAGE's body to the push receiver, and when
 * uninstalled takes both away and leaves its port free.
 */
class SipPushBindingTest {
  private static final String PID = "io.dmagent.push.sip";

  @RegisterExtension final InFramework dm = new InFramework();

  /** The notification bundle's place: keeps what it gets. */
  private static final class Receiver implements PushReceiver {
    final List<PushMessage> received = new CopyOnWriteArrayList<>();

    @Override
    public PushVerdict receive(PushMessage message) {
      received.add(message);
      return PushVerdict.of(PushOutcome.ACCEPTED, "session requested");
    }

    @Override
    public int maxMessageSize() {
      return 4096;
    }
  }

  @Test
  void the_binding_listens_while_installed_and_frees_its_port_when_removed() throws Exception {
    int port = InFramework.freePort();
    Configuration config = dm.service(ConfigurationAdmin.class).getConfiguration(PID, "?");
    config.update(new Hashtable<>(java.util.Map.of("address", "127.0.0.1", "port", port)));
    Receiver receiver = new Receiver();
    Hashtable<String, Object> ranking = new Hashtable<>();
    ranking.put(Constants.SERVICE_RANKING, Integer.MAX_VALUE);
    ServiceRegistration<PushReceiver> registration =
        dm.context.registerService(PushReceiver.class, receiver, ranking);
    Bundle binding = dm.context.installBundle(jar().toUri().toString());
    try {
      binding.start();

      assertThat(awaitSipChannels(true))
          .extracting(PushChannel::endpoint)
          .containsExactly("udp://127.0.0.1:" + port + " tcp://127.0.0.1:" + port);
      assertThat(featureNames()).contains("PushSIP");

      byte[] body = {0, 1, 2, (byte) 0xFF, 13, 10, 13, 10, 0};
      assertThat(send(port, body)).startsWith("SIP/2.0 202 Accepted\r\n");
      assertThat(receiver.received).extracting(PushMessage::body).containsExactly(body);

      binding.uninstall();

      assertThat(awaitSipChannels(false)).isEmpty();
      assertThat(featureNames()).doesNotContain("PushSIP");
      try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", port));
          ServerSocket tcp = new ServerSocket()) {
        tcp.setReuseAddress(true);
        tcp.bind(new InetSocketAddress("127.0.0.1", port));
        assertThat(udp.getLocalPort()).isEqualTo(tcp.getLocalPort()).isEqualTo(port);
      }
    } finally {
      if (binding.getState() != Bundle.UNINSTALLED) {
        binding.uninstall();
      }
      registration.unregister();
      config.delete();
    }
  }

  private Path jar() {
    String version = dm.context.getBundle().getHeaders().get("DmAgent-Version");
    return Path.of(dm.context.getProperty("dmagent.home"))
        .resolve("system/io/dmagent/io.dmagent.push-sip")
        .resolve(version)
        .resolve("io.dmagent.push-sip-" + version + ".jar");
  }

  /** The channels of binding sip, once there are some (or none, as asked) or the patience ends. */
  private List<PushChannel> awaitSipChannels(boolean some) throws Exception {
    long end = System.nanoTime() + InFramework.PATIENCE.toNanos();
    List<PushChannel> channels = sipChannels();
    while (channels.isEmpty() == some && System.nanoTime() < end) {
      Thread.sleep(20);
      channels = sipChannels();
    }
    if (channels.isEmpty() == some) {
      throw new AssertionError(
          "the sip channel did not come or go in time; the log said:\n" + dm.log());
    }
    return channels;
  }

  private List<PushChannel> sipChannels() throws Exception {
    return services(PushChannel.class).stream().filter(c -> c.binding().equals("sip")).toList();
  }

  private List<String> featureNames() throws Exception {
    return services(OptionalFeature.class).stream().map(OptionalFeature::name).toList();
  }

  private <S> List<S> services(Class<S> type) throws Exception {
    List<S> found = new java.util.ArrayList<>();
    for (ServiceReference<S> ref : dm.context.getServiceReferences(type, null)) {
      S service = dm.context.getService(ref);
      if (service != null) {
        found.add(service);
        dm.context.ungetService(ref);
      }
    }
    return found;
  }

  /** A server's MESSAGE with the body, over UDP; the answer. */
  private static String send(int port, byte[] body) throws Exception {
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes(
        ("MESSAGE sip:IMEI1@127.0.0.1:"
                + port
                + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKitest\r\n"
                + "From: <sip:dmserver@127.0.0.1>;tag=1\r\n"
                + "To: <sip:IMEI1@127.0.0.1>\r\n"
                + "Call-ID: itest@127.0.0.1\r\n"
                + "CSeq: 1 MESSAGE\r\n"
                + "Content-Type: application/vnd.syncml.notification\r\n"
                + "Content-Length: "
                + body.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    request.writeBytes(body);
    byte[] bytes = request.toByteArray();
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      socket.setSoTimeout(10_000);
      socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
      DatagramPacket answer = new DatagramPacket(new byte[2048], 2048);
      socket.receive(answer);
      return new String(
          Arrays.copyOf(answer.getData(), answer.getLength()), StandardCharsets.ISO_8859_1);
    }
  }
}
