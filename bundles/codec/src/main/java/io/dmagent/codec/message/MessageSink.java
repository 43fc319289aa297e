package io.dmagent.codec.message;

import io.dmagent.api.message.ItemData;
import io.dmagent.api.message.Meta;

/**
 * Writes SyncML elements in one encoding; the {@link MessageWriter} is the same for both. A value
 * the encoding cannot carry is an {@link IllegalArgumentException}: the model allows it, the wire
 * does not (a NUL in WBXML text, a control character or non-text opaque data in XML).
 */
interface MessageSink {

  /** Starts an element that holds elements. */
  void open(Tag tag);

  void close(Tag tag);

  /** An element without content, such as {@code <Final/>}. */
  void empty(Tag tag);

  /** An element holding text; empty text gives an empty element. */
  void text(Tag tag, String text);

  /** A {@code Data} element holding text, opaque bytes or an embedded element. */
  void data(ItemData data);

  /** The Meta to write for an item with {@code data}: as it is, unless the encoding says else. */
  default Meta itemMeta(Meta meta, ItemData data) {
    return meta;
  }

  /** The bytes written. */
  byte[] finish();
}
