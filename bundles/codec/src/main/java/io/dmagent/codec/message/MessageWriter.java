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
import java.util.OptionalLong;

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
    optional(Tag.RESP_URI, h.respUri());
    if (h.cred().isPresent()) {
      credential(h.cred().get());
    }
    if (h.meta().isPresent()) {
      meta(h.meta().get());
    }
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
    if (c.meta().isPresent()) {
      meta(c.meta().get());
    }
    items(c.items());
    out.close(tag);
  }

  private void exec(Exec c) {
    out.open(Tag.EXEC);
    cmdId(c.cmdId(), c.noResp());
    if (c.meta().isPresent()) {
      meta(c.meta().get());
    }
    optional(Tag.CORRELATOR, c.correlator());
    item(c.item());
    out.close(Tag.EXEC);
  }

  private void alert(Alert c) {
    out.open(Tag.ALERT);
    cmdId(c.cmdId(), c.noResp());
    out.text(Tag.DATA, Integer.toString(c.code()));
    optional(Tag.CORRELATOR, c.correlator());
    items(c.items());
    out.close(Tag.ALERT);
  }

  private void container(
      Tag tag, String cmdId, boolean noResp, Optional<Meta> meta, List<Command> commands) {
    out.open(tag);
    cmdId(cmdId, noResp);
    if (meta.isPresent()) {
      meta(meta.get());
    }
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
    each(Tag.TARGET_REF, c.targetRefs());
    each(Tag.SOURCE_REF, c.sourceRefs());
    if (c.cred().isPresent()) {
      credential(c.cred().get());
    }
    if (c.chal().isPresent()) {
      out.open(Tag.CHAL);
      meta(c.chal().get().meta());
      out.close(Tag.CHAL);
    }
    out.text(Tag.DATA, Integer.toString(c.code()));
    items(c.items());
    out.close(Tag.STATUS);
  }

  private void results(Results c) {
    out.open(Tag.RESULTS);
    out.text(Tag.CMD_ID, c.cmdId());
    optional(Tag.MSG_REF, c.msgRef());
    out.text(Tag.CMD_REF, c.cmdRef());
    if (c.meta().isPresent()) {
      meta(c.meta().get());
    }
    optional(Tag.TARGET_REF, c.targetRef());
    optional(Tag.SOURCE_REF, c.sourceRef());
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

  /** Optional values without a lambda each: the writer runs for every message. */
  private void optional(Tag tag, Optional<String> value) {
    if (value.isPresent()) {
      out.text(tag, value.get());
    }
  }

  private void optional(Tag tag, OptionalLong value) {
    if (value.isPresent()) {
      out.text(tag, Long.toString(value.getAsLong()));
    }
  }

  private void each(Tag tag, List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      out.text(tag, values.get(i));
    }
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
    if (i.target().isPresent()) {
      locator(Tag.TARGET, i.target().get());
    }
    if (i.source().isPresent()) {
      locator(Tag.SOURCE, i.source().get());
    }
    if (i.meta().isPresent()) {
      meta(i.data().isPresent() ? out.itemMeta(i.meta().get(), i.data().get()) : i.meta().get());
    }
    if (i.data().isPresent()) {
      out.data(i.data().get());
    }
    if (i.moreData()) {
      out.empty(Tag.MORE_DATA);
    }
    out.close(Tag.ITEM);
  }

  private void locator(Tag tag, Locator l) {
    out.open(tag);
    out.text(Tag.LOC_URI, l.locUri());
    optional(Tag.LOC_NAME, l.locName());
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
    optional(Tag.FORMAT, m.format());
    optional(Tag.TYPE, m.type());
    optional(Tag.MARK, m.mark());
    optional(Tag.SIZE, m.size());
    optional(Tag.NEXT_NONCE, m.nextNonce());
    optional(Tag.MAX_MSG_SIZE, m.maxMsgSize());
    optional(Tag.MAX_OBJ_SIZE, m.maxObjSize());
    each(Tag.EMI, m.emi());
    out.close(Tag.META);
  }
}
