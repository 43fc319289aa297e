package io.dmagent.itest.framework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.dmagent.api.mo.OptionalFeature;
import io.dmagent.api.push.PushChannel;
import io.dmagent.api.push.PushMessage;
import io.dmagent.api.push.PushOutcome;
import io.dmagent.api.push.PushReceiver;
import io.dmagent.api.push.PushVerdict;
import io.dmagent.api.report.ReportChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The MQTT binding installed into the running agent at run time, with Paho, against a real
 * Mosquitto: its PushChannel and PushMQTT feature appear once it is subscribed, a push published by
 * mosquitto_pub reaches the receiver, and all of it is gone when the bundle is uninstalled.
 */
class MqttPushBindingTest {
  private static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");
  private static final Path PUB = Path.of("/usr/bin/mosquitto_pub");
  private static final String PID = "io.dmagent.push.mqtt";
  private static final String DEV_ID = "IMEI:itest-mqtt";

  @RegisterExtension final InFramework dm = new InFramework();
  private final List<Bundle> installed = new ArrayList<>();
  private final BlockingQueue<PushMessage> pushes = new LinkedBlockingQueue<>();
  private Process broker;
  private ServiceRegistration<PushReceiver> receiver;
  private Configuration config;

  @AfterEach
  void cleanUp() throws Exception {
    for (Bundle b : installed) {
      if (b.getState() != Bundle.UNINSTALLED) {
        b.uninstall();
      }
    }
    if (receiver != null) {
      receiver.unregister();
    }
    if (config != null) {
      config.delete();
    }
    if (broker != null) {
      broker.destroy();
      broker.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void binding_installed_at_run_time_listens_takes_a_push_and_is_gone_after_uninstall()
      throws Exception {
    int port = startBroker();
    // Ranked above the notification bundle's receiver, which the framework may run too.
    Hashtable<String, Object> ranking = new Hashtable<>();
    ranking.put(org.osgi.framework.Constants.SERVICE_RANKING, Integer.MAX_VALUE);
    receiver = dm.context.registerService(PushReceiver.class, new Recording(), ranking);
    Hashtable<String, Object> props = new Hashtable<>();
    props.put("brokerUri", "tcp://127.0.0.1:" + port);
    props.put("devId", DEV_ID);
    config = dm.service(ConfigurationAdmin.class).getConfiguration(PID, "?");
    config.update(props);

    if (!running("org.eclipse.paho.client.mqttv3")) {
      install("org/eclipse/paho/org.eclipse.paho.client.mqttv3", "1.2.5");
    }
    Bundle binding = install("io/dmagent/io.dmagent.push-mqtt", version());

    PushChannel channel = awaitMqttChannel();
    assertThat(channel.endpoint()).contains("dm/" + DEV_ID + "/push");
    assertThat(featureNames()).contains("PushMQTT");
    assertThat(mqttReportChannels()).isEqualTo(1);

    Path payload =
        Files.writeString(
            dm.folder("mqtt").resolve("push.txt"),
            "Content-Type: application/vnd.syncml.dm.notification\r\n\r\nnotification bytes");
    publish(port, "dm/" + DEV_ID + "/push", payload);
    PushMessage push = pushes.poll(30, TimeUnit.SECONDS);
    assertThat(push).isNotNull();
    assertThat(push.contentType()).isEqualTo("application/vnd.syncml.dm.notification");
    assertThat(new String(push.body())).isEqualTo("notification bytes");

    binding.uninstall();

    assertThat(mqttChannels()).isEmpty();
    assertThat(featureNames()).doesNotContain("PushMQTT");
    assertThat(mqttReportChannels()).isZero();
  }

  private boolean running(String symbolicName) {
    return java.util.Arrays.stream(dm.context.getBundles())
        .anyMatch(b -> symbolicName.equals(b.getSymbolicName()));
  }

  private List<PushChannel> mqttChannels() throws Exception {
    return dm.context.getServiceReferences(PushChannel.class, null).stream()
        .map(r -> dm.context.getService(r))
        .filter(c -> c.binding().equals("mqtt"))
        .toList();
  }

  /**
   * The MQTT channel, once the binding has subscribed (other bindings' channels may be there too).
   */
  private PushChannel awaitMqttChannel() throws Exception {
    long deadline = System.nanoTime() + InFramework.PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      List<PushChannel> found = mqttChannels();
      if (!found.isEmpty()) {
        return found.get(0);
      }
      Thread.sleep(50);
    }
    return fail("no MQTT push channel in time; the log said:\n" + dm.log());
  }

  private long mqttReportChannels() throws Exception {
    return dm.context.getServiceReferences(ReportChannel.class, null).stream()
        .filter(r -> dm.context.getService(r).schemes().contains("mqtt"))
        .count();
  }

  private List<String> featureNames() throws Exception {
    return dm.context.getServiceReferences(OptionalFeature.class, null).stream()
        .map(r -> dm.context.getService(r).name())
        .toList();
  }

  private String version() {
    return dm.context.getBundle().getHeaders().get("DmAgent-Version");
  }

  private Bundle install(String folder, String version) throws Exception {
    Path system = Path.of(dm.context.getProperty("dmagent.home")).resolve("system");
    String name = folder.substring(folder.lastIndexOf('/') + 1);
    Path jar = system.resolve(folder).resolve(version).resolve(name + "-" + version + ".jar");
    Bundle b = dm.context.installBundle(jar.toUri().toString());
    installed.add(b);
    b.start();
    return b;
  }

  private int startBroker() throws Exception {
    if (!Files.isExecutable(MOSQUITTO) || !Files.isExecutable(PUB)) {
      String why = "mosquitto and mosquitto-clients (Debian) are needed for this test";
      if ("true".equals(System.getenv("CI"))) {
        fail(why);
      }
      Assumptions.abort(why);
    }
    int port = InFramework.freePort();
    Path dir = dm.folder("mosquitto");
    Path conf =
        Files.write(
            dir.resolve("mosquitto.conf"),
            List.of(
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                "user " + System.getProperty("user.name")));
    broker =
        new ProcessBuilder(MOSQUITTO.toString(), "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("mosquitto.out").toFile())
            .start();
    for (int i = 0; i < 200; i++) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return port;
      } catch (IOException notYet) {
        Thread.sleep(25);
      }
    }
    throw new AssertionError("mosquitto did not listen on " + port);
  }

  private static void publish(int port, String topic, Path file) throws Exception {
    Process p =
        new ProcessBuilder(
                PUB.toString(),
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(port),
                "-q",
                "1",
                "-t",
                topic,
                "-f",
                file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0).as(out).isTrue();
  }

  /** Stands in for the notification bundle's receiver. */
  private final class Recording implements PushReceiver {
    @Override
    public PushVerdict receive(PushMessage message) {
      pushes.add(message);
      return PushVerdict.of(PushOutcome.ACCEPTED, "recorded");
    }

    @Override
    public int maxMessageSize() {
      return 4096;
    }
  }
}
