package io.dmagent.api.session;

import io.dmagent.api.tree.DmException;
import java.util.Optional;

/**
 * Reports Generic Alerts to DM servers. An alert is stored durably before {@link #queue} returns
 * and delivered in the next management session with its server; it survives restarts and crashes
 * until the server acknowledged it.
 */
@org.osgi.annotation.versioning.ProviderType
public interface AlertService {

  /**
   * Queues an alert for {@code serverId}, or for every configured server when empty, and asks for a
   * session.
   *
   * @return an identifier of the queued alert
   * @throws DmException 420 when the outbox is full, 510 when it cannot be written
   */
  String queue(GenericAlert alert, Optional<String> serverId) throws DmException;

  /**
   * Queues a Client Event (Alert 1224): the same item as a Generic Alert (Type, Format, Mark,
   * Source, Data), stored and delivered the same way, for events a server subscribed to rather than
   * alerts an MO raises.
   *
   * @return an identifier of the queued event
   * @throws DmException 420 when the outbox is full, 510 when it cannot be written
   */
  String queueClientEvent(GenericAlert event, Optional<String> serverId) throws DmException;
}
