package io.dmagent.api.report;

import io.dmagent.api.session.GenericAlert;
import io.dmagent.api.tree.DmException;

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
}
