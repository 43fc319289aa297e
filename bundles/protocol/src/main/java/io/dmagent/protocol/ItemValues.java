package io.dmagent.protocol;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.log.WireText;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.ItemData;
import io.dmagent.api.message.Locator;
import io.dmagent.api.message.Meta;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeResult;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.StatusCode;
import java.util.Base64;
import java.util.Optional;

/**
 * Between the data of an Item and the values of the tree. Binary values travel as WBXML OPAQUE; an
 * XML message cannot carry raw bytes, so there they go out as Base64 text with Format {@code b64}
 * (as AOSP does) and a {@code bin} value that arrives as text is Base64-decoded.
 */
final class ItemValues {
  static final String TNDS_XML = "application/vnd.syncml.dmtnds+xml";
  static final String TNDS_WBXML = "application/vnd.syncml.dmtnds+wbxml";

  private ItemValues() {}

  /** The TNDS encoding an item's Type names, if it carries a TNDS document. */
  static Optional<Encoding> tndsEncoding(Meta meta) {
    return meta.type()
        .flatMap(
            t ->
                t.equalsIgnoreCase(TNDS_XML)
                    ? Optional.of(Encoding.XML)
                    : t.equalsIgnoreCase(TNDS_WBXML)
                        ? Optional.of(Encoding.WBXML)
                        : Optional.empty());
  }

  /** The Format an item's Meta names; {@code chr} when none (the DM default). */
  static NodeFormat format(Meta meta) throws DmException {
    if (meta.format().isEmpty()) {
      return NodeFormat.CHR;
    }
    String f = meta.format().get();
    return NodeFormat.fromWireName(f)
        .orElseThrow(
            () ->
                new DmException(
                    StatusCode.UNSUPPORTED_MEDIA_TYPE_OR_FORMAT,
                    "unknown Format " + WireText.quote(f)));
  }

  /** The leaf value an Add, Replace or Exec item carries. */
  static NodeValue leafValue(Item item, Meta meta) throws DmException {
    NodeFormat format = format(meta);
    String type = meta.type().orElse(NodeValue.TEXT_PLAIN);
    byte[] bytes = bytes(item);
    if (format == NodeFormat.BIN && !(item.data().orElse(null) instanceof ItemData.Opaque)) {
      try {
        bytes = Base64.getMimeDecoder().decode(bytes);
      } catch (IllegalArgumentException e) {
        throw new DmException(StatusCode.BAD_REQUEST, "bin data in text that is not Base64");
      }
    }
    return NodeValue.of(bytes, format, type);
  }

  static byte[] bytes(Item item) {
    return item.data().map(ItemData::bytes).orElse(new byte[0]);
  }

  /** How many bytes the item's data has on the wire (the unit of Meta Size). */
  static long wireLength(Item item) {
    return item.data()
        .map(d -> d instanceof ItemData.Opaque o ? o.length() : d.bytes().length)
        .orElse(0)
        .longValue();
  }

  /** A Results item for a leaf or an interior node, as its Source {@code uri}. */
  static Item result(String uri, NodeResult node, Encoding encoding) {
    if (!node.isLeaf()) {
      Meta meta = Meta.EMPTY.withFormat(NodeFormat.NODE.wireName());
      meta = node.type().map(meta::withType).orElse(meta);
      return sourceItem(uri, meta, Optional.of(ItemData.text(String.join("/", node.children()))));
    }
    if (node.value().isEmpty()) {
      // ?list=Struct: a leaf described without its value.
      Meta meta = Meta.of(node.format().wireName(), node.type().orElse(NodeValue.TEXT_PLAIN));
      return sourceItem(uri, meta, Optional.empty());
    }
    return valueItem(uri, node.value().get(), encoding);
  }

  /** An item carrying a leaf value from {@code uri}. */
  static Item valueItem(String uri, NodeValue value, Encoding encoding) {
    if (value.format() == NodeFormat.BIN) {
      if (encoding == Encoding.WBXML) {
        return sourceItem(
            uri,
            Meta.of(NodeFormat.BIN.wireName(), value.type()),
            Optional.of(ItemData.opaque(value.data())));
      }
      return sourceItem(
          uri,
          Meta.of(NodeFormat.B64.wireName(), value.type()),
          Optional.of(ItemData.text(Base64.getEncoder().encodeToString(value.data()))));
    }
    return sourceItem(
        uri,
        Meta.of(value.format().wireName(), value.type()),
        Optional.of(ItemData.text(value.text())));
  }

  static Item sourceItem(String uri, Meta meta, Optional<ItemData> data) {
    return new Item(Optional.empty(), Optional.of(Locator.of(uri)), Optional.of(meta), data, false);
  }
}
