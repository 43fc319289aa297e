package io.dmagent.api.outbox;

import java.util.Collection;
import java.util.List;

/**
 * A durable outbox: what a bundle hands over is kept until the destination acknowledged it, across
 * restarts, crashes and power loss. The promise, per entry:
 *
 * <ul>
 *   <li><b>Durable before acknowledged</b>: {@link #store} returns only once the entry is forced to
 *       disk; an entry whose {@code store} returned is never lost by a crash.
 *   <li><b>In order per destination</b>: {@link #pending} lists entries oldest first, so a sender
 *       that delivers them in that order delivers each destination's entries in the order they were
 *       stored.
 *   <li><b>At least once, with an id</b>: an entry stays until {@link #acknowledge}d, so it may be
 *       delivered again (after a crash, or when an acknowledgement got lost); its {@link
 *       OutboxEntry#id()} is the same every time and never given to another entry, so the receiver
 *       can drop duplicates.
 *   <li><b>Bounded</b>: it holds at most {@link #capacity()} entries (all topics together); when
 *       full, {@link #overflowPolicy()} says what a further {@code store} does.
 * </ul>
 *
 * <p>Topics keep users apart (the Generic Alerts of the session engine, sessionless reports, policy
 * results): each reads and acknowledges only its own. Destinations are the user's (a ServerID,
 * say); the outbox only compares them.
 */
@org.osgi.annotation.versioning.ProviderType
public interface Outbox {

  /**
   * Stores {@code payload} for {@code destination} under {@code topic}, durably, and returns the
   * entry with its id.
   *
   * @throws OutboxException {@link OutboxException#full()} when the outbox is full and its policy
   *     is {@link OverflowPolicy#REJECT_NEW}; otherwise when it cannot be written (nothing stored)
   */
  OutboxEntry store(String topic, String destination, byte[] payload) throws OutboxException;

  /**
   * Stores {@code payloads} for {@code destination} under {@code topic} as one durable change, in
   * the order given: all of them or, when it throws, none. A producer with many entries at once
   * uses it so that one forced write covers them all.
   *
   * @return the entries, in the order of {@code payloads}
   * @throws OutboxException {@link OutboxException#full()} when they do not all fit and the policy
   *     is {@link OverflowPolicy#REJECT_NEW} (or when there are more than {@link #capacity()});
   *     otherwise when they cannot be written
   */
  List<OutboxEntry> storeAll(String topic, String destination, List<byte[]> payloads)
      throws OutboxException;

  /** The entries of {@code topic} for any of {@code destinations}, oldest first. */
  List<OutboxEntry> pending(String topic, Collection<String> destinations) throws OutboxException;

  /** Every entry of {@code topic}, whatever its destination, oldest first. */
  List<OutboxEntry> pending(String topic) throws OutboxException;

  /**
   * Forgets the entries {@code ids} of {@code topic} (delivered and acknowledged by their
   * destination); ids it does not hold are ignored. A crash right after may forget the
   * acknowledgement: the entry is then delivered again, with the same id.
   */
  void acknowledge(String topic, Collection<String> ids) throws OutboxException;

  /** Entries held now, all topics together. */
  int size() throws OutboxException;

  /** The most entries it holds. */
  int capacity();

  /** What {@link #store} does when {@link #capacity()} entries are held. */
  OverflowPolicy overflowPolicy();
}
