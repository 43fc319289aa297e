package io.dmagent.server.sessionless;

/** A sessionless command that was not sent: the message says why, in one line. */
public final class SessionlessException extends Exception {
  private static final long serialVersionUID = 1L;

  public SessionlessException(String message) {
    super(message);
  }
}
