package io.dmagent.codec.description;

import io.dmagent.api.tree.DmException;

/**
 * A pull stream of markup events, the same for XML and WBXML, so that one reader of the DDF and
 * TNDS content models serves both encodings. Every parser failure surfaces as a {@link
 * DmException}.
 */
interface Markup {

  enum Event {
    START,
    END,
    TEXT,
    OPAQUE,
    END_OF_DOCUMENT
  }

  Event next() throws DmException;

  /** The local name of the element at START. */
  String name();

  /**
   * Whether the element at START belongs to another vocabulary (a namespace other than DDF's, e.g.
   * Microsoft's {@code MSFT:AllowedValues}); such elements are skipped whole.
   */
  boolean foreign();

  /** The characters at TEXT. */
  String text();

  /** The bytes at OPAQUE (WBXML only). */
  byte[] opaque();
}
