package io.dmagent.sessionless;

import io.dmagent.api.message.Alert;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.Results;
import io.dmagent.api.message.Status;

/** A report's commands under the CmdIDs of the message they are sent in. */
final class Renumber {
  private Renumber() {}

  static Command withCmdId(Command c, String id) {
    if (c instanceof Status s) {
      return new Status(
          id,
          s.msgRef(),
          s.cmdRef(),
          s.cmd(),
          s.targetRefs(),
          s.sourceRefs(),
          s.cred(),
          s.chal(),
          s.code(),
          s.items());
    } else if (c instanceof Results r) {
      return new Results(
          id, r.msgRef(), r.cmdRef(), r.meta(), r.targetRef(), r.sourceRef(), r.items());
    } else if (c instanceof Alert a) {
      return new Alert(id, a.noResp(), a.code(), a.correlator(), a.items());
    }
    // Reports hold only Alerts, Status and Results.
    throw new IllegalArgumentException("not a report command: " + c.element());
  }
}
