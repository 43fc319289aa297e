package io.dmagent.codec.description;

import io.dmagent.api.tree.DmException;
import java.nio.charset.StandardCharsets;

/**
 * Writes indented UTF-8 XML; text elements stay on one line so no white space enters a value. Our
 * own small writer: it escapes exactly what must be escaped, including CR, which XML parsers would
 * otherwise turn into LF.
 */
final class XmlMarkupWriter implements MarkupWriter {
  private static final String DDF_PROLOG =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          + "<!DOCTYPE MgmtTree PUBLIC \""
          + WbxmlHeader.FPI
          + "\" \"http://www.openmobilealliance.org/tech/DTD/DM_DDF-V1_2.dtd\">\n";

  private final StringBuilder out = new StringBuilder();
  private final String rootNamespace;
  private int depth;

  private XmlMarkupWriter(String prolog, String rootNamespace) {
    out.append(prolog);
    this.rootNamespace = rootNamespace;
  }

  /** A standalone DDF file: XML declaration and the DM DDF 1.2 DOCTYPE, as published DDFs are. */
  static XmlMarkupWriter ddf() {
    return new XmlMarkupWriter(DDF_PROLOG, null);
  }

  /**
   * A TNDS document as it goes into the Data of a DM command: no prolog, the root in the {@code
   * syncml:dmddf1.2} namespace.
   */
  static XmlMarkupWriter tnds() {
    return new XmlMarkupWriter("", XmlMarkup.DDF_NAMESPACE);
  }

  @Override
  public void open(DdfTag tag) {
    indent().append('<').append(tag.element());
    if (depth == 0 && rootNamespace != null) {
      out.append(" xmlns=\"").append(rootNamespace).append('"');
    }
    out.append(">\n");
    depth++;
  }

  @Override
  public void close(DdfTag tag) {
    depth--;
    indent().append("</").append(tag.element()).append(">\n");
  }

  @Override
  public void empty(DdfTag tag) {
    indent().append('<').append(tag.element()).append("/>\n");
  }

  @Override
  public void text(DdfTag tag, String text) throws DmException {
    if (!accepts(text)) {
      throw Refusals.unsupported("<" + tag.element() + "> holds characters XML cannot carry");
    }
    indent().append('<').append(tag.element()).append('>');
    XmlChars.escape(text, out);
    out.append("</").append(tag.element()).append(">\n");
  }

  @Override
  public void opaque(DdfTag tag, byte[] data) {
    throw new IllegalStateException("XML cannot carry opaque data");
  }

  @Override
  public boolean carriesOpaque() {
    return false;
  }

  @Override
  public boolean accepts(String text) {
    return XmlChars.isLegal(text);
  }

  @Override
  public byte[] finish() {
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private StringBuilder indent() {
    return out.append("  ".repeat(depth));
  }
}
