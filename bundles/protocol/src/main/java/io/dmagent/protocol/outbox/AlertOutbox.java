package io.dmagent.protocol.outbox;

import io.dmagent.api.outbox.Outbox;
import io.dmagent.api.outbox.OutboxEntry;
import io.dmagent.api.outbox.OutboxException;
import io.dmagent.api.session.GenericAlert;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.StatusCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Alerts waiting for a session, on the agent's durable {@link Outbox} under the topic {@value
 * #TOPIC}: stored (forced to disk) before {@code queue} returns, listed oldest first, removed once
 * a server acknowledged them. An alert for any server has the empty destination, and every session
 * offers it. The outbox's bound and overflow policy apply: full under REJECT_NEW answers 420. An
 * entry that does not decode as an alert is reported and removed, never delivered.
 */
public final class AlertOutbox {
  /** The outbox topic of Generic Alerts and Client Events. */
  public static final String TOPIC = "io.dmagent.protocol.alert";

  /** The destination of an alert for whichever server has a session first. */
  static final String ANY_SERVER = "";

  private final Outbox outbox;
  private final Consumer<String> warnings;

  /**
   * @param warnings receives one line per problem found (an entry that is no alert)
   */
  public AlertOutbox(Outbox outbox, Consumer<String> warnings) {
    this.outbox = outbox;
    this.warnings = warnings;
  }

  /** Stores a Generic Alert (1226) durably and returns its identifier. */
  public String queue(GenericAlert alert, Optional<String> serverId) throws DmException {
    return queue(alert, serverId, QueuedAlert.GENERIC_ALERT);
  }

  /**
   * Stores an alert durably under {@code alertCode} (1226 Generic Alert, 1224 Client Event) and
   * returns its identifier.
   *
   * @throws DmException 420 when the outbox is full (and refuses new entries), 510 when it cannot
   *     be written
   */
  public String queue(GenericAlert alert, Optional<String> serverId, int alertCode)
      throws DmException {
    byte[] record = AlertRecord.encode(alert, alertCode);
    try {
      return outbox.store(TOPIC, serverId.orElse(ANY_SERVER), record).id();
    } catch (OutboxException e) {
      throw new DmException(
          e.full() ? StatusCode.DEVICE_FULL : StatusCode.DATA_STORE_FAILURE,
          e.full() ? "alert " + e.getMessage() : e.getMessage(),
          e);
    }
  }

  /** Alerts a session with {@code serverId} should deliver, oldest first. */
  public List<QueuedAlert> pendingFor(String serverId) throws IOException {
    List<QueuedAlert> out = new ArrayList<>();
    List<String> undeliverable = new ArrayList<>();
    for (OutboxEntry e : entries(List.of(serverId, ANY_SERVER))) {
      Optional<String> to = e.destination().isEmpty() ? Optional.empty() : Optional.of(serverId);
      try {
        out.add(AlertRecord.decode(e.payload(), e.id(), to));
      } catch (AlertRecord.CorruptRecordException x) {
        warnings.accept("outbox alert " + e.id() + " is corrupt (" + x.getMessage() + "); removed");
        undeliverable.add(e.id());
      }
    }
    if (!undeliverable.isEmpty()) {
      acknowledge(undeliverable);
    }
    return out;
  }

  /** Forgets alerts a server has acknowledged (Status 200 or 202). */
  public void acknowledge(Collection<String> ids) throws IOException {
    try {
      outbox.acknowledge(TOPIC, ids);
    } catch (OutboxException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** Alerts waiting, for any server. */
  public int size() throws IOException {
    try {
      return outbox.pending(TOPIC).size();
    } catch (OutboxException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private List<OutboxEntry> entries(List<String> destinations) throws IOException {
    try {
      return outbox.pending(TOPIC, destinations);
    } catch (OutboxException e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}
