package io.dmagent.pushsip;

import io.dmagent.api.push.PushMessage;
import io.dmagent.api.push.PushOutcome;
import io.dmagent.api.push.PushReceiver;
import io.dmagent.api.push.PushVerdict;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The notification bundle's place in these tests: keeps what it gets, answers a set verdict. */
final class RecordingReceiver implements PushReceiver {
  final List<PushMessage> received = new CopyOnWriteArrayList<>();
  volatile PushVerdict verdict = PushVerdict.of(PushOutcome.ACCEPTED, "session requested");
  volatile int maxMessageSize = 4096;

  @Override
  public PushVerdict receive(PushMessage message) {
    received.add(message);
    return verdict;
  }

  @Override
  public int maxMessageSize() {
    return maxMessageSize;
  }
}
