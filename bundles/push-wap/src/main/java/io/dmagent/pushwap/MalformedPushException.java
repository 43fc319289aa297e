package io.dmagent.pushwap;

/**
 * A datagram that is not a connectionless WSP push for DM. The message is a log line's reason with
 * every wire value already quoted through {@link io.dmagent.api.log.WireText}.
 */
final class MalformedPushException extends Exception {
  private static final long serialVersionUID = 1L;

  MalformedPushException(String reason) {
    super(reason, null, false, false);
  }
}
