package io.dmagent.protocol;

import io.dmagent.api.account.Account;
import io.dmagent.api.session.AlertService;
import io.dmagent.api.session.GenericAlert;
import io.dmagent.api.session.ManagementSessions;
import io.dmagent.api.session.SessionRequest;
import io.dmagent.api.tree.DmException;
import io.dmagent.protocol.outbox.AlertOutbox;
import io.dmagent.protocol.outbox.QueuedAlert;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Generic Alerts and Client Events on the durable outbox: stored (fsync) before {@code queue}
 * returns, then a session asked for with the server, or with every server for an unaddressed one.
 * The session delivers them and removes each on the server's 200 or 202.
 */
public final class OutboxAlertService implements AlertService {
  private final AlertOutbox outbox;
  private final ManagementSessions sessions;
  private final Supplier<List<Account>> accounts;
  private final Consumer<String> log;

  public OutboxAlertService(
      AlertOutbox outbox,
      ManagementSessions sessions,
      Supplier<List<Account>> accounts,
      Consumer<String> log) {
    this.outbox = outbox;
    this.sessions = sessions;
    this.accounts = accounts;
    this.log = log;
  }

  @Override
  public String queue(GenericAlert alert, Optional<String> serverId) throws DmException {
    return queued(outbox.queue(alert, serverId, QueuedAlert.GENERIC_ALERT), serverId);
  }

  @Override
  public String queueClientEvent(GenericAlert event, Optional<String> serverId) throws DmException {
    return queued(outbox.queue(event, serverId, QueuedAlert.CLIENT_EVENT), serverId);
  }

  private String queued(String id, Optional<String> serverId) {
    List<String> servers =
        serverId
            .map(List::of)
            .orElseGet(() -> accounts.get().stream().map(Account::serverId).toList());
    for (String server : servers) {
      sessions
          .start(SessionRequest.clientInitiated(server))
          .exceptionally(
              e -> {
                log.accept(
                    "alert "
                        + id
                        + " waits: no session with "
                        + server
                        + " ("
                        + e.getMessage()
                        + ")");
                return null;
              });
    }
    return id;
  }
}
