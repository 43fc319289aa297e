package io.dmagent.pushwap;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.log.RefusalLog;
import io.dmagent.api.push.PushMessage;
import io.dmagent.api.testing.Kannel;
import io.dmagent.api.testing.RecordingPushReceiver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A push sent by a real WAP push proxy gateway: Kannel's wapbox (PPG) takes a PAP push-message over
 * HTTP and sends the connectionless WSP push, through its bearerbox, to the listener's UDP port
 * 2948 on an address of 127/8 of its own ({@link Kannel}). Skipped when Kannel is not installed,
 * except under CI.
 */
class KannelPushTest {
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @TempDir Path folder;
  private Kannel kannel;
  private WapPushListener listener;

  @AfterEach
  void stop() throws InterruptedException {
    if (listener != null) {
      listener.close();
    }
    if (kannel != null) {
      kannel.close();
    }
  }

  @Test
  void kannel_ppg_delivers_a_pap_push_as_exactly_the_notification_bytes() throws Exception {
    Kannel.assumeInstalled();
    String address = Kannel.randomLoopbackAddress();
    RecordingPushReceiver receiver = new RecordingPushReceiver(4096);
    listener =
        WapPushListener.open(
            new InetSocketAddress(InetAddress.getByName(address), Kannel.WDP_PORT),
            receiver,
            RefusalLog.standard(line -> {}, java.time.Clock.systemUTC()),
            line -> {});
    kannel = Kannel.start(folder, address, PATIENCE);

    byte[] dm12 = Pdus.specNotification();
    PushMessage push = pushUntilDelivered("application/vnd.syncml.notification", dm12, receiver);
    assertThat(push.contentType()).isEqualTo("application/vnd.syncml.notification");
    assertThat(push.body()).isEqualTo(dm12);
    assertThat(push.origin()).startsWith("udp:" + address + ":");

    byte[] dm13 = Pdus.concat(new byte[16], Pdus.hex("0354000012340000"));
    push = pushUntilDelivered("application/vnd.syncml.dm.notification", dm13, receiver);
    assertThat(push.contentType()).isEqualTo("application/vnd.syncml.dm.notification");
    assertThat(push.body()).isEqualTo(dm13);
  }

  /**
   * Pushes through the PPG; the first may race wapbox's own connection to bearerbox (the PPG
   * answers 1001 "accepted for processing" either way), so it is sent again, at most thrice.
   */
  private PushMessage pushUntilDelivered(
      String type, byte[] notification, RecordingPushReceiver receiver) throws Exception {
    for (int attempt = 0; attempt < 3; attempt++) {
      kannel.push(type, notification);
      PushMessage push = receiver.next();
      if (push != null) {
        return push;
      }
    }
    throw new AssertionError("Kannel accepted the push but no datagram arrived\n" + kannel.logs());
  }
}
