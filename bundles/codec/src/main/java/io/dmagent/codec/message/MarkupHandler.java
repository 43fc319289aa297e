package io.dmagent.codec.message;

/** Receives the elements and text of markup embedded in a Data element (a TNDS MgmtTree). */
interface MarkupHandler {

  void start(String namespace, String name);

  void text(String text);

  void end();
}
