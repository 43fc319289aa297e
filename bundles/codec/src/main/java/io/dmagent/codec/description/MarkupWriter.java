package io.dmagent.codec.description;

import io.dmagent.api.tree.DmException;

/** Writes DDF elements in one encoding; the DDF and TNDS writers are the same for both. */
interface MarkupWriter {

  /** Starts an element that holds elements. */
  void open(DdfTag tag) throws DmException;

  void close(DdfTag tag) throws DmException;

  /** An element without content, such as {@code <Get/>}. */
  void empty(DdfTag tag) throws DmException;

  /** An element holding text; 415 when the encoding cannot carry the text (see accepts). */
  void text(DdfTag tag, String text) throws DmException;

  /** An element holding opaque bytes; only when {@link #carriesOpaque()}. */
  void opaque(DdfTag tag, byte[] data) throws DmException;

  /** Whether raw bytes can travel (WBXML OPAQUE); XML has to use Base64 text. */
  boolean carriesOpaque();

  /** Whether the encoding can carry this text as text. */
  boolean accepts(String text);

  /** Ends the document and returns its bytes. */
  byte[] finish() throws DmException;
}
