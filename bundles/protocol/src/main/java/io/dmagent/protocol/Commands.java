package io.dmagent.protocol;

import io.dmagent.api.message.Alert;
import io.dmagent.api.message.Atomic;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.Exec;
import io.dmagent.api.message.ItemCommand;
import io.dmagent.api.message.Results;
import io.dmagent.api.message.Sequence;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.UnsupportedCommand;

/** Small helpers over the sealed command model. */
final class Commands {
  private Commands() {}

  /** The same command under another CmdID (CmdIDs are numbered per message when it is sent). */
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
    } else if (c instanceof ItemCommand i) {
      return new ItemCommand(i.name(), id, i.noResp(), i.meta(), i.items());
    } else if (c instanceof Exec e) {
      return new Exec(id, e.noResp(), e.meta(), e.correlator(), e.item());
    } else if (c instanceof Atomic a) {
      return new Atomic(id, a.noResp(), a.meta(), a.commands());
    } else if (c instanceof Sequence s) {
      return new Sequence(id, s.noResp(), s.meta(), s.commands());
    } else {
      UnsupportedCommand u = (UnsupportedCommand) c;
      return new UnsupportedCommand(u.element(), id, u.noResp());
    }
  }

  /** Whether a status code says the command took effect (2xx, but not 214, 215, 216). */
  static boolean succeeded(int code) {
    return code >= 200 && code < 300 && code != 214 && code != 215 && code != 216;
  }
}
