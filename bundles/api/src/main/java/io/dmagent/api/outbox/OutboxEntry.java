package io.dmagent.api.outbox;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of an {@link Outbox}: its id (unique for the outbox's life, the same at every
 * delivery), its topic, its destination, when it was stored and what it holds. Payloads may carry
 * what a server must not share: {@link #toString()} leaves them out.
 */
public record OutboxEntry(
    String id, String topic, String destination, Instant stored, byte[] payload) {
  public OutboxEntry {
    Objects.requireNonNull(id);
    Objects.requireNonNull(topic);
    Objects.requireNonNull(destination);
    Objects.requireNonNull(stored);
    payload = payload.clone();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OutboxEntry e
        && e.id.equals(id)
        && e.topic.equals(topic)
        && e.destination.equals(destination)
        && e.stored.equals(stored)
        && java.util.Arrays.equals(e.payload, payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, topic, destination);
  }

  @Override
  public String toString() {
    return "OutboxEntry["
        + id
        + ", "
        + topic
        + ", "
        + destination
        + ", "
        + stored
        + ", "
        + payload.length
        + " bytes]";
  }
}
