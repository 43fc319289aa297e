package io.dmagent.server.notify;

/** A notification that was not sent: the message says why, in one line. */
public final class NotifyException extends Exception {
  private static final long serialVersionUID = 1L;

  public NotifyException(String message) {
    super(message);
  }
}
