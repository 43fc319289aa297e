package io.dmagent.api.tree;

import java.util.Objects;

/**
 * A tree or protocol operation failed with a DM status code. The message is meant for the log and
 * must never contain a secret (password, nonce, key) or a value the requesting server may not read.
 */
public class DmException extends Exception {
  private static final long serialVersionUID = 1L;

  private final StatusCode status;

  public DmException(StatusCode status, String message) {
    super(message);
    this.status = Objects.requireNonNull(status);
  }

  public DmException(StatusCode status, String message, Throwable cause) {
    super(message, cause);
    this.status = Objects.requireNonNull(status);
  }

  public StatusCode status() {
    return status;
  }

  @Override
  public String getMessage() {
    return status.code() + ": " + super.getMessage();
  }
}
