package io.dmagent.api.transport;

import java.io.IOException;
import java.util.Objects;

/**
 * A message could not be moved. The kind tells the session engine whether a retry with back-off
 * makes sense.
 */
public class TransportException extends IOException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Kind {
    /** No connection could be made (refused, unreachable, unknown host). Retry later. */
    CONNECT,
    /** The peer did not answer in time. Retry later. */
    TIMEOUT,
    /**
     * The secure channel could not be set up (certificate, host name, PSK). Do not retry blindly.
     */
    SECURITY,
    /**
     * The peer answered something that is not a valid message exchange (bad HTTP, wrong media
     * type).
     */
    PROTOCOL,
    /** The answer exceeds the size the agent accepts. */
    TOO_LARGE,
    /** The binding does not handle this address (scheme). */
    UNSUPPORTED
  }

  private final Kind kind;

  public TransportException(Kind kind, String message) {
    super(message);
    this.kind = Objects.requireNonNull(kind);
  }

  public TransportException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind);
  }

  public Kind kind() {
    return kind;
  }

  public boolean isRetryable() {
    return kind == Kind.CONNECT || kind == Kind.TIMEOUT;
  }
}
