package io.dmagent.api.message;

/**
 * Bytes that are no SyncML DM message this codec accepts: malformed, truncated, over a bound,
 * carrying a DTD, of an unknown media type. {@link #status()} is the DM status code that answers it
 * where an answer is still possible (400 malformed, 413 too large, 415 media type). The message
 * speaks of the input's shape, never of its content.
 */
public class MessageFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;

  public MessageFormatException(int status, String message) {
    super(message);
    this.status = status;
  }

  public MessageFormatException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
