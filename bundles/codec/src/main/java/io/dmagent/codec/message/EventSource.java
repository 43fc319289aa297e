package io.dmagent.codec.message;

import io.dmagent.api.message.MessageFormatException;

/**
 * A pull stream of markup events, the same for XML and WBXML, so that one reader of the SyncML
 * content model serves both encodings. An element without content still gives START then END. Every
 * failure of the underlying parser surfaces as a {@link MessageFormatException}.
 */
interface EventSource {

  enum Event {
    START,
    END,
    TEXT,
    OPAQUE,
    END_OF_DOCUMENT
  }

  Event next() throws MessageFormatException;

  /** At START: the SyncML or MetInf element, or null when it is none of theirs. */
  Tag tag();

  /**
   * At START: whether the element belongs to another vocabulary (another XML namespace; a WBXML
   * code page above 1 or a literal tag). An element that is neither a {@link #tag()} nor foreign is
   * unknown: an error wherever it must be understood.
   */
  boolean foreign();

  /** At START: the element's local name; null for an undefined WBXML token. */
  String name();

  /** At START: the element's namespace, the one its WBXML code page stands for; may be empty. */
  String namespace();

  /**
   * Whether markup embedded in Data may hold elements of vocabularies other than DM DDF. XML can
   * carry any namespace; WBXML only the DDF one (code page 2).
   */
  default boolean carriesForeignMarkup() {
    return false;
  }

  /** At START: the element as messages name it. */
  default String describe() {
    return "<" + name() + ">";
  }

  /** At TEXT: the characters. */
  String text();

  /** At OPAQUE: the bytes. */
  byte[] opaque();

  /** At OPAQUE: how many bytes, without copying them. */
  int opaqueLength();
}
