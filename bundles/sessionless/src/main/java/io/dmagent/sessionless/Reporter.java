package io.dmagent.sessionless;

import io.dmagent.api.account.Accounts;
import io.dmagent.api.log.WireText;
import io.dmagent.api.message.Alert;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.MessageCodec;
import io.dmagent.api.outbox.Outbox;
import io.dmagent.api.outbox.OutboxEntry;
import io.dmagent.api.outbox.OutboxException;
import io.dmagent.api.report.SessionlessReports;
import io.dmagent.api.session.GenericAlert;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.StatusCode;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes reports: each is stored in the outbox (topic {@value #TOPIC}, destination the ServerID),
 * durably, before its id is returned, and the sender is woken to deliver it.
 */
final class Reporter implements SessionlessReports, OutcomeReports {
  static final String TOPIC = "sessionless";

  private final Outbox outbox;
  private final Accounts accounts;
  private final MessageCodec codec;
  private final Runnable wake;

  Reporter(Outbox outbox, Accounts accounts, MessageCodec codec, Runnable wake) {
    this.outbox = outbox;
    this.accounts = accounts;
    this.codec = codec;
    this.wake = wake;
  }

  @Override
  public String report(String serverId, GenericAlert alert) throws DmException {
    StoredReport report = StoredReport.of(List.of(StoredReport.alert(alert, Alert.GENERIC_ALERT)));
    return store(serverId, report);
  }

  @Override
  public String reportOutcome(String serverId, String commandSessionId, List<Command> outcome)
      throws DmException {
    return store(serverId, StoredReport.outcome(commandSessionId, outcome));
  }

  @Override
  public List<String> reportAll(String serverId, List<GenericAlert> alerts) throws DmException {
    requireAccount(serverId);
    List<byte[]> payloads = new ArrayList<>(alerts.size());
    for (GenericAlert alert : alerts) {
      payloads.add(
          StoredReport.of(List.of(StoredReport.alert(alert, Alert.GENERIC_ALERT))).encode(codec));
    }
    try {
      List<String> ids =
          outbox.storeAll(TOPIC, serverId, payloads).stream().map(OutboxEntry::id).toList();
      wake.run();
      return ids;
    } catch (OutboxException e) {
      throw refused(e);
    }
  }

  private String store(String serverId, StoredReport report) throws DmException {
    requireAccount(serverId);
    try {
      String id = outbox.store(TOPIC, serverId, report.encode(codec)).id();
      wake.run();
      return id;
    } catch (OutboxException e) {
      throw refused(e);
    }
  }

  private void requireAccount(String serverId) throws DmException {
    if (accounts.find(serverId).isEmpty()) {
      throw new DmException(
          StatusCode.NOT_FOUND, "no account for server " + WireText.quote(serverId));
    }
  }

  private static DmException refused(OutboxException e) {
    if (e.full()) {
      return new DmException(StatusCode.DEVICE_FULL, "outbox full: report refused");
    }
    return new DmException(StatusCode.DATA_STORE_FAILURE, "report not stored: " + e.getMessage());
  }
}
