package io.dmagent.server;

/** Where a session with a device stands, as the server saw it. */
public enum SessionState {
  /** Packages are still going back and forth. */
  ACTIVE,
  /** The server sent a package that asked for nothing more. */
  COMPLETED,
  /** The server sent Alert 1223 (a script's {@code abort}). */
  ABORTED_BY_SERVER,
  /** The device sent Alert 1223. */
  ABORTED_BY_CLIENT,
  /** The device refused the session's header (protocol or DTD version), so the server ended it. */
  REFUSED,
  /** The device stopped answering; the session was dropped after the idle timeout. */
  EXPIRED;

  /** Whether a message for the session is still answered: not after expiry or a refusal. */
  public boolean acceptsMessages() {
    return this != EXPIRED && this != REFUSED;
  }
}
