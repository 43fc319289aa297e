package io.dmagent.server.push;

import java.io.IOException;

/** Puts a push on the wire for one binding, within its timeouts. */
public interface PushSender {
  /**
   * Sends {@code payload} to the device {@code devId} at {@code to}.
   *
   * @return the peer's answer in one line, or what was done where the binding has none
   * @throws IOException when the peer cannot be reached or does not answer in time
   */
  String send(PushAddress to, String devId, PushPayload payload) throws IOException;
}
