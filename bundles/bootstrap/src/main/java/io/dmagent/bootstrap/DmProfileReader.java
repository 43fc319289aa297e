package io.dmagent.bootstrap;

import io.dmagent.api.description.DescriptionCodec;
import io.dmagent.api.description.Encoding;
import io.dmagent.api.log.WireText;
import io.dmagent.api.message.Atomic;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.CommandName;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.ItemCommand;
import io.dmagent.api.message.ItemData;
import io.dmagent.api.message.MessageCodec;
import io.dmagent.api.message.MessageFormatException;
import io.dmagent.api.message.Meta;
import io.dmagent.api.message.Sequence;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a DM-profile bootstrap: a SyncML DM message decoded by the {@link MessageCodec}, whose Add
 * and Replace items (plain values, interior nodes, embedded TNDS in XML or WBXML, the Inbox) become
 * node writes. Other commands have no place in a bootstrap and are ignored with a log line; no
 * response is ever sent.
 */
final class DmProfileReader {
  static final String TNDS_XML = "application/vnd.syncml.dmtnds+xml";
  static final String TNDS_WBXML = "application/vnd.syncml.dmtnds+wbxml";

  private final MessageCodec codec;
  private final DescriptionCodec tnds;
  private final Consumer<String> log;

  DmProfileReader(MessageCodec codec, DescriptionCodec tnds, Consumer<String> log) {
    this.codec = codec;
    this.tnds = tnds;
    this.log = log;
  }

  BootstrapPlan read(byte[] body, Encoding encoding, int maxSize, MoPlaces places) throws Refusal {
    SyncMessage message;
    try {
      message = codec.decode(body, encoding, maxSize);
    } catch (MessageFormatException e) {
      throw Refusal.invalid("not a well-formed DM message: " + e.getMessage());
    }
    List<NodeWrite> writes = new ArrayList<>();
    TndsWrites documents = new TndsWrites(places, log);
    for (Command c : message.commands()) {
      command(c, writes, documents);
    }
    return new BootstrapPlan(writes, Optional.of(message.header().source().locUri()), false);
  }

  private void command(Command c, List<NodeWrite> writes, TndsWrites documents) throws Refusal {
    if (c instanceof Atomic a) {
      for (Command inner : a.commands()) {
        command(inner, writes, documents);
      }
    } else if (c instanceof Sequence s) {
      for (Command inner : s.commands()) {
        command(inner, writes, documents);
      }
    } else if (c instanceof ItemCommand ic
        && (ic.name() == CommandName.ADD || ic.name() == CommandName.REPLACE)) {
      for (Item item : ic.items()) {
        item(item, item.meta().or(ic::meta).orElse(Meta.EMPTY), writes, documents);
      }
    } else {
      log.accept("bootstrap: " + c.element() + " has no place in a bootstrap, ignored");
    }
  }

  private void item(Item item, Meta meta, List<NodeWrite> writes, TndsWrites documents)
      throws Refusal {
    String target =
        item.targetUri()
            .orElseThrow(() -> Refusal.invalid("an Add or Replace item without Target"));
    NodeUri uri;
    try {
      uri = NodeUri.parse(target.trim());
    } catch (DmException e) {
      throw Refusal.invalid("Target " + WireText.quote(target) + " is no node URI");
    }
    Optional<Encoding> document = tndsEncoding(meta, item);
    if (document.isPresent()) {
      try {
        writes.addAll(documents.writes(uri, tnds.readTnds(bytes(item), document.get())));
      } catch (DmException e) {
        throw Refusal.invalid("its TNDS is malformed: " + e.getMessage());
      }
      return;
    }
    if (uri.isAncestorOrSelfOf(TndsWrites.INBOX) || TndsWrites.INBOX.isAncestorOrSelfOf(uri)) {
      log.accept("bootstrap: an Inbox item that is no TNDS document ignored");
      return;
    }
    NodeFormat format = format(meta);
    if (format == NodeFormat.NODE) {
      writes.add(new NodeWrite.Interior(uri, meta.type()));
      return;
    }
    writes.add(new NodeWrite.Leaf(uri, value(item, meta, format)));
  }

  private static Optional<Encoding> tndsEncoding(Meta meta, Item item) {
    Optional<String> type = meta.type();
    if (type.isEmpty()) {
      return Optional.empty();
    }
    boolean xml = type.get().equalsIgnoreCase(TNDS_XML);
    boolean wbxml = type.get().equalsIgnoreCase(TNDS_WBXML);
    if (!xml && !wbxml) {
      return Optional.empty();
    }
    // Embedded markup reaches us as XML text whatever the message's encoding.
    if (item.data().orElse(null) instanceof ItemData.Markup) {
      return Optional.of(Encoding.XML);
    }
    return Optional.of(wbxml ? Encoding.WBXML : Encoding.XML);
  }

  private static NodeFormat format(Meta meta) throws Refusal {
    if (meta.format().isEmpty()) {
      return NodeFormat.CHR;
    }
    return NodeFormat.fromWireName(meta.format().get())
        .orElseThrow(
            () -> Refusal.invalid("unknown Format " + WireText.quote(meta.format().get())));
  }

  private static NodeValue value(Item item, Meta meta, NodeFormat format) throws Refusal {
    byte[] bytes = bytes(item);
    if (format == NodeFormat.BIN && !(item.data().orElse(null) instanceof ItemData.Opaque)) {
      try {
        bytes = Base64.getMimeDecoder().decode(bytes);
      } catch (IllegalArgumentException e) {
        throw Refusal.invalid("bin data in text that is not Base64");
      }
    }
    return NodeValue.of(bytes, format, meta.type().orElse(NodeValue.TEXT_PLAIN));
  }

  private static byte[] bytes(Item item) {
    return item.data().map(ItemData::bytes).orElse(new byte[0]);
  }
}
