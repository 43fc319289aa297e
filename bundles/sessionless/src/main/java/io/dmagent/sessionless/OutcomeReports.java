package io.dmagent.sessionless;

import io.dmagent.api.message.Command;
import io.dmagent.api.tree.DmException;
import java.util.List;

/** Reports the outcome of a sessionless command (its Status and Results) to its server. */
public interface OutcomeReports {

  /**
   * Stores the outcome for {@code serverId}'s report address and returns the report's id. The
   * report names the command message it answers by {@code commandSessionId} (its SessionID) in
   * {@code x-dm-outcome-of}, when that is a token the line can carry.
   *
   * @throws DmException as {@link io.dmagent.api.report.SessionlessReports#report}
   */
  String reportOutcome(String serverId, String commandSessionId, List<Command> outcome)
      throws DmException;
}
