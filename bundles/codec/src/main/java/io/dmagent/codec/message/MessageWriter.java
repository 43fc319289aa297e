package io.dmagent.codec.message;

import io.dmagent.api.message.Alert;
import io.dmagent.api.message.Atomic;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.Credential;
import io.dmagent.api.message.Exec;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.ItemCommand;
import io.dmagent.api.message.Locator;
import io.dmagent.api.message.Meta;
import io.dmagent.api.message.Results;
import io.dmagent.api.message.Sequence;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncHeader;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.message.UnsupportedCommand;
import java.util.List;
import java.util.Optional;

/**
 * Writes the model in the child order of the SyncML 1.2 DTD (spec digest 1.1, 1.2), the same for
 * both encodings: Data before Correlator in Alert, Data last but Items in Status, Meta values in
 * MetInf order (Format, Type, Mark, Size, NextNonce, MaxMsgSize, MaxObjSize, EMI).
 */
final class MessageWriter {
  private final MessageSink out;

  MessageWriter(MessageSink out) {
    this.out = out;
  }

  void message(SyncMessage m) {
    out.open(Tag.SYNC_ML);
    header(m.header());
    out.open(Tag.SYNC_BODY);
    for (Command c : m.commands()) {
      command(c);
    }
    if (m.isFinal()) {
      out.empty(Tag.FINAL);
    }
    out.close(Tag.SYNC_BODY);
    out.close(Tag.SYNC_ML);
  }

  void header(SyncHeader h) {
    out.open(Tag.SYNC_HDR);
    out.text(Tag.VER_DTD, h.verDtd());
    out.text(Tag.VER_PROTO, h.verProto());
    out.text(Tag.SESSION_ID, h.sessionId());
    out.text(Tag.MSG_ID, h.msgId());
    locator(Tag.TARGET, h.target());
    locator(Tag.SOURCE, h.source());
    h.respUri().ifPresent(u -> out.text(Tag.RESP_URI, u));
    h.cred().ifPresent(this::credential);
    h.meta().ifPresent(this::meta);
    out.close(Tag.SYNC_HDR);
  }

  void command(Command c) {
    if (c instanceof ItemCommand i) {
      itemCommand(i);
    } else if (c instanceof Status s) {
      status(s);
    } else if (c instanceof Results r) {
      results(r);
    } else if (c instanceof Alert a) {
      alert(a);
    } else if (c instanceof Exec e) {
      exec(e);
    } else if (c instanceof Atomic a) {
      container(Tag.ATOMIC, a.cmdId(), a.noResp(), a.meta(), a.commands());
    } else if (c instanceof Sequence s) {
      container(Tag.SEQUENCE, s.cmdId(), s.noResp(), s.meta(), s.commands());
    } else {
      unsupported((UnsupportedCommand) c);
    }
  }

  private void itemCommand(ItemCommand c) {
    Tag tag = Tag.of(c.element());
    out.open(tag);
    cmdId(c.cmdId(), c.noResp());
    c.meta().ifPresent(this::meta);
    items(c.items());
    out.close(tag);
  }

  private void exec(Exec c) {
    out.open(Tag.EXEC);
    cmdId(c.cmdId(), c.noResp());
    c.meta().ifPresent(this::meta);
    c.correlator().ifPresent(v -> out.text(Tag.CORRELATOR, v));
    item(c.item());
    out.close(Tag.EXEC);
  }

  private void alert(Alert c) {
    out.open(Tag.ALERT);
    cmdId(c.cmdId(), c.noResp());
    out.text(Tag.DATA, Integer.toString(c.code()));
    c.correlator().ifPresent(v -> out.text(Tag.CORRELATOR, v));
    items(c.items());
    out.close(Tag.ALERT);
  }

  private void container(
      Tag tag, String cmdId, boolean noResp, Optional<Meta> meta, List<Command> commands) {
    out.open(tag);
    cmdId(cmdId, noResp);
    meta.ifPresent(this::meta);
    for (Command c : commands) {
      command(c);
    }
    out.close(tag);
  }

  private void status(Status c) {
    out.open(Tag.STATUS);
    out.text(Tag.CMD_ID, c.cmdId());
    out.text(Tag.MSG_REF, c.msgRef());
    out.text(Tag.CMD_REF, c.cmdRef());
    out.text(Tag.CMD, c.cmd());
    c.targetRefs().forEach(r -> out.text(Tag.TARGET_REF, r));
    c.sourceRefs().forEach(r -> out.text(Tag.SOURCE_REF, r));
    c.cred().ifPresent(this::credential);
    c.chal()
        .ifPresent(
            chal -> {
              out.open(Tag.CHAL);
              meta(chal.meta());
              out.close(Tag.CHAL);
            });
    out.text(Tag.DATA, Integer.toString(c.code()));
    items(c.items());
    out.close(Tag.STATUS);
  }

  private void results(Results c) {
    out.open(Tag.RESULTS);
    out.text(Tag.CMD_ID, c.cmdId());
    c.msgRef().ifPresent(v -> out.text(Tag.MSG_REF, v));
    out.text(Tag.CMD_REF, c.cmdRef());
    c.meta().ifPresent(this::meta);
    c.targetRef().ifPresent(v -> out.text(Tag.TARGET_REF, v));
    c.sourceRef().ifPresent(v -> out.text(Tag.SOURCE_REF, v));
    items(c.items());
    out.close(Tag.RESULTS);
  }

  /** A command DM does not use, as far as the model knows it: the element, CmdID and NoResp. */
  private void unsupported(UnsupportedCommand c) {
    Tag tag = Tag.of(c.element());
    if (tag == null) {
      throw new IllegalArgumentException("<" + c.element() + "> is no SyncML element");
    }
    out.open(tag);
    cmdId(c.cmdId(), c.noResp());
    out.close(tag);
  }

  private void cmdId(String cmdId, boolean noResp) {
    out.text(Tag.CMD_ID, cmdId);
    if (noResp) {
      out.empty(Tag.NO_RESP);
    }
  }

  private void items(List<Item> items) {
    for (Item i : items) {
      item(i);
    }
  }

  private void item(Item i) {
    out.open(Tag.ITEM);
    i.target().ifPresent(l -> locator(Tag.TARGET, l));
    i.source().ifPresent(l -> locator(Tag.SOURCE, l));
    i.meta().ifPresent(m -> meta(i.data().map(d -> out.itemMeta(m, d)).orElse(m)));
    i.data().ifPresent(out::data);
    if (i.moreData()) {
      out.empty(Tag.MORE_DATA);
    }
    out.close(Tag.ITEM);
  }

  private void locator(Tag tag, Locator l) {
    out.open(tag);
    out.text(Tag.LOC_URI, l.locUri());
    l.locName().ifPresent(n -> out.text(Tag.LOC_NAME, n));
    out.close(tag);
  }

  private void credential(Credential c) {
    out.open(Tag.CRED);
    if (!c.meta().isEmpty()) {
      meta(c.meta());
    }
    out.text(Tag.DATA, c.data());
    out.close(Tag.CRED);
  }

  private void meta(Meta m) {
    if (m.isEmpty()) {
      out.empty(Tag.META);
      return;
    }
    out.open(Tag.META);
    m.format().ifPresent(v -> out.text(Tag.FORMAT, v));
    m.type().ifPresent(v -> out.text(Tag.TYPE, v));
    m.mark().ifPresent(v -> out.text(Tag.MARK, v));
    m.size().ifPresent(v -> out.text(Tag.SIZE, Long.toString(v)));
    m.nextNonce().ifPresent(v -> out.text(Tag.NEXT_NONCE, v));
    m.maxMsgSize().ifPresent(v -> out.text(Tag.MAX_MSG_SIZE, Long.toString(v)));
    m.maxObjSize().ifPresent(v -> out.text(Tag.MAX_OBJ_SIZE, Long.toString(v)));
    m.emi().forEach(v -> out.text(Tag.EMI, v));
    out.close(Tag.META);
  }
}
