package io.dmagent.pushmqtt;

import io.dmagent.api.push.PushMessage;
import io.dmagent.api.push.PushOutcome;
import io.dmagent.api.push.PushReceiver;
import io.dmagent.api.push.PushVerdict;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Stands in for the notification bundle's receiver: keeps every push it is handed. */
final class RecordingReceiver implements PushReceiver {
  final BlockingQueue<PushMessage> received = new LinkedBlockingQueue<>();
  private final int maxMessageSize;

  RecordingReceiver(int maxMessageSize) {
    this.maxMessageSize = maxMessageSize;
  }

  @Override
  public PushVerdict receive(PushMessage message) {
    received.add(message);
    return PushVerdict.of(PushOutcome.ACCEPTED, "recorded");
  }

  @Override
  public int maxMessageSize() {
    return maxMessageSize;
  }

  PushMessage next() throws InterruptedException {
    return received.poll(15, TimeUnit.SECONDS);
  }
}
