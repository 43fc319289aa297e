package io.dmagent.pushmqtt;

import io.dmagent.api.log.WireText;
import io.dmagent.api.push.PushMessage;
import io.dmagent.api.push.PushReceiver;
import java.util.function.Consumer;

/**
 * Hands each push that arrived on the push topic to the {@link PushReceiver}: splits the frame,
 * drops what is malformed or too large with one log line, never looks inside the payload. The
 * receiver logs its own refusals.
 */
final class PushForwarder {
  static final String BINDING = "mqtt";

  private final PushReceiver receiver;
  private final Consumer<String> warn;

  PushForwarder(PushReceiver receiver, Consumer<String> warn) {
    this.receiver = receiver;
    this.warn = warn;
  }

  void arrived(String topic, byte[] payload) {
    int limit = receiver.maxMessageSize() + PushFrame.MAX_HEADER_LINE + 2;
    if (payload.length > limit) {
      warn.accept(
          "MQTT push on "
              + WireText.quote(topic)
              + " dropped: "
              + payload.length
              + " bytes, more than the "
              + receiver.maxMessageSize()
              + " the receiver takes");
      return;
    }
    PushFrame frame;
    try {
      frame = PushFrame.parse(payload);
    } catch (PushFrame.MalformedFrameException e) {
      warn.accept("MQTT push on " + WireText.quote(topic) + " dropped: " + e.getMessage());
      return;
    }
    if (frame.body().length > receiver.maxMessageSize()) {
      warn.accept(
          "MQTT push on "
              + WireText.quote(topic)
              + " dropped: body larger than the "
              + receiver.maxMessageSize()
              + " bytes the receiver takes");
      return;
    }
    receiver.receive(new PushMessage(BINDING, frame.contentType(), frame.body(), "mqtt " + topic));
  }
}
