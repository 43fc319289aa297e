package io.dmagent.api.outbox;

/** What a full {@link Outbox} does with one more entry. */
public enum OverflowPolicy {
  /**
   * The new entry is refused ({@link OutboxException#full()}); what is held stays. The sender knows
   * at once (a Generic Alert: status 420) and decides.
   */
  REJECT_NEW,

  /**
   * The oldest entry of the whole outbox is dropped, with one warning naming its id, topic and
   * destination, and the new one stored: for data whose latest value matters most.
   */
  DROP_OLDEST
}
