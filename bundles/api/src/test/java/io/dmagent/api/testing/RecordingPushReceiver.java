package io.dmagent.api.testing;

import io.dmagent.api.push.PushMessage;
import io.dmagent.api.push.PushOutcome;
import io.dmagent.api.push.PushReceiver;
import io.dmagent.api.push.PushVerdict;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The notification bundle's place in a push binding's tests: takes every push (ACCEPTED) and keeps
 * it for the test, which checks the bytes arrived unchanged.
 */
public final class RecordingPushReceiver implements PushReceiver {
  private final BlockingQueue<PushMessage> received = new LinkedBlockingQueue<>();
  private final int maxMessageSize;

  public RecordingPushReceiver(int maxMessageSize) {
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

  /**
   * The next push received, waiting up to fifteen seconds (a loaded machine); null if none came.
   */
  public PushMessage next() throws InterruptedException {
    return received.poll(15, TimeUnit.SECONDS);
  }

  /** The next push if one comes within {@code millis}: for "nothing more arrived". */
  public PushMessage nextWithin(long millis) throws InterruptedException {
    return received.poll(millis, TimeUnit.MILLISECONDS);
  }

  /** The pushes received and not yet taken by {@link #next}, oldest first. */
  public List<PushMessage> pending() {
    return List.copyOf(received);
  }
}
