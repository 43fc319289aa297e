package io.dmagent.api.report;

import io.dmagent.api.session.GenericAlert;
import io.dmagent.api.tree.DmException;
import java.util.List;

/**
 * Sends Generic Alerts to a server without a session, registered by the sessionless bundle. A
 * report is stored durably (in the outbox) before {@link #report} returns, then delivered in order
 * over the {@link ReportChannel} of the server's report address, retried with back-off until the
 * receiver acknowledged it; each carries an id the receiver uses to drop duplicates.
 */
@org.osgi.annotation.versioning.ProviderType
public interface SessionlessReports {

  /**
   * Stores {@code alert} for {@code serverId}'s report address and returns the report's id.
   *
   * @throws DmException 404 when the server has no account or no report address, 420 when the
   *     outbox is full and refuses new entries, 510 when it cannot be written
   */
  String report(String serverId, GenericAlert alert) throws DmException;

  /**
   * Stores {@code alerts} for {@code serverId}'s report address as one durable change (all or
   * none), in order, and returns their ids in that order. A producer with many reports at once (a
   * burst of policy results, readings collected while offline) uses it so that one forced write
   * covers them all.
   *
   * @throws DmException 404 when the server has no account or no report address, 420 when the
   *     outbox cannot take them all and refuses new entries, 510 when they cannot be written
   */
  default List<String> reportAll(String serverId, List<GenericAlert> alerts) throws DmException {
    // For test doubles written as lambdas: one after the other, not as one change. The
    // sessionless bundle's implementation stores them together.
    List<String> ids = new java.util.ArrayList<>(alerts.size());
    for (GenericAlert alert : alerts) {
      ids.add(report(serverId, alert));
    }
    return ids;
  }
}
