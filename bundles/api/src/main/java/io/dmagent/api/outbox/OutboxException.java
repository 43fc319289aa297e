package io.dmagent.api.outbox;

/**
 * An {@link Outbox} that refused an entry because it is full ({@link #full()}), or that cannot be
 * read or written. Either way, nothing was stored.
 */
public class OutboxException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean full;

  public OutboxException(String message, boolean full) {
    super(message);
    this.full = full;
  }

  public OutboxException(String message, Throwable cause) {
    super(message, cause);
    this.full = false;
  }

  /** Whether the entry was refused because the outbox holds its capacity (policy REJECT_NEW). */
  public boolean full() {
    return full;
  }
}
