package io.dmagent.pushwap;

import io.dmagent.api.push.PushMessage;
import io.dmagent.api.push.PushOutcome;
import io.dmagent.api.push.PushReceiver;
import io.dmagent.api.push.PushVerdict;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A receiver that keeps what it is given, for the tests to take. */
final class RecordingReceiver implements PushReceiver {
  private final BlockingQueue<PushMessage> received = new LinkedBlockingQueue<>();
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

  /** The next push received, waiting up to ten seconds; null if none came. */
  PushMessage next() throws InterruptedException {
    return received.poll(10, TimeUnit.SECONDS);
  }

  /** The next push if one comes within a short while: for "nothing more arrived". */
  PushMessage nextWithin(long millis) throws InterruptedException {
    return received.poll(millis, TimeUnit.MILLISECONDS);
  }
}
