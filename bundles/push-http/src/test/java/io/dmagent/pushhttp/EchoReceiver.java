package io.dmagent.pushhttp;

import io.dmagent.api.push.PushMessage;
import io.dmagent.api.push.PushOutcome;
import io.dmagent.api.push.PushReceiver;
import io.dmagent.api.push.PushVerdict;

/**
 * A receiver that says what it got in its reason (the test reads it from the answer's header): a
 * body starting with {@code X} is malformed, anything else accepted. Takes at most 1000 bytes.
 */
public final class EchoReceiver implements PushReceiver {
  @Override
  public PushVerdict receive(PushMessage m) {
    if (m.length() > 0 && m.body()[0] == 'X') {
      return PushVerdict.of(PushOutcome.MALFORMED, "starts with X");
    }
    return PushVerdict.of(
        PushOutcome.ACCEPTED,
        "took " + m.length() + " bytes of " + m.contentType() + " over " + m.binding());
  }

  @Override
  public int maxMessageSize() {
    return 1000;
  }
}
