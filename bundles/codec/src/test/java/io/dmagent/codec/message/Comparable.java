package io.dmagent.codec.message;

import io.dmagent.api.message.Alert;
import io.dmagent.api.message.Atomic;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.Exec;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.ItemCommand;
import io.dmagent.api.message.ItemData;
import io.dmagent.api.message.Results;
import io.dmagent.api.message.Sequence;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A message as another tool's rendering of it can be compared with: wbxml2xml writes OPAQUE data as
 * text (CDATA) and, in its indenting mode, pads text with line breaks; libdmclient sends every
 * value as OPAQUE. So opaque data becomes text and Data text loses surrounding white space; nothing
 * else changes.
 */
final class Comparable {
  static SyncMessage textual(SyncMessage m) {
    return map(m, STRIPPED_TEXT);
  }

  /** Opaque data as the text XML carries it; nothing else changed. */
  static SyncMessage opaqueAsText(SyncMessage m) {
    return map(m, TEXT);
  }

  private static SyncMessage map(SyncMessage m, UnaryOperator<ItemData> data) {
    return new SyncMessage(m.header(), new Comparable(data).commands(m.commands()), m.isFinal());
  }

  private final UnaryOperator<ItemData> data;

  private Comparable(UnaryOperator<ItemData> data) {
    this.data = data;
  }

  private List<Command> commands(List<Command> commands) {
    return commands.stream().map(this::command).toList();
  }

  private Command command(Command c) {
    if (c instanceof ItemCommand i) {
      return new ItemCommand(i.name(), i.cmdId(), i.noResp(), i.meta(), items(i.items()));
    } else if (c instanceof Alert a) {
      return new Alert(a.cmdId(), a.noResp(), a.code(), a.correlator(), items(a.items()));
    } else if (c instanceof Exec e) {
      return new Exec(e.cmdId(), e.noResp(), e.meta(), e.correlator(), item(e.item()));
    } else if (c instanceof Atomic a) {
      return new Atomic(a.cmdId(), a.noResp(), a.meta(), commands(a.commands()));
    } else if (c instanceof Sequence s) {
      return new Sequence(s.cmdId(), s.noResp(), s.meta(), commands(s.commands()));
    } else if (c instanceof Status s) {
      return new Status(
          s.cmdId(),
          s.msgRef(),
          s.cmdRef(),
          s.cmd(),
          s.targetRefs(),
          s.sourceRefs(),
          s.cred(),
          s.chal(),
          s.code(),
          items(s.items()));
    } else if (c instanceof Results r) {
      return new Results(
          r.cmdId(),
          r.msgRef(),
          r.cmdRef(),
          r.meta(),
          r.targetRef(),
          r.sourceRef(),
          items(r.items()));
    }
    return c;
  }

  private List<Item> items(List<Item> items) {
    return items.stream().map(this::item).toList();
  }

  private Item item(Item i) {
    return i.data().map(d -> i.withData(data.apply(d))).orElse(i);
  }

  private static final UnaryOperator<ItemData> TEXT =
      d -> d instanceof ItemData.Opaque ? ItemData.text(d.text()) : d;

  private static final UnaryOperator<ItemData> STRIPPED_TEXT =
      d ->
          d instanceof ItemData.Markup m
              ? new ItemData.Markup(m.xml().replaceAll(">\\s+", ">").replaceAll("\\s+<", "<"))
              : ItemData.text(new String(d.bytes(), StandardCharsets.UTF_8).strip());
}
