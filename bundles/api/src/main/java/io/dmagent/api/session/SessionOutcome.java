package io.dmagent.api.session;

/** How a management session ended. */
public enum SessionOutcome {
  /** The server ended it with a package that asked for nothing more. */
  COMPLETED,
  /** The server sent Alert 1223. */
  ABORTED_BY_SERVER,
  /**
   * The agent sent Alert 1223 (too many failed authentications, a protocol violation, shutdown).
   */
  ABORTED_BY_CLIENT,
  /**
   * The transport failed or the server's messages could not be understood; retried with back-off.
   */
  FAILED
}
