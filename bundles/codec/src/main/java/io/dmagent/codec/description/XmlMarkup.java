package io.dmagent.codec.description;

import io.dmagent.api.tree.DmException;
import io.dmagent.codec.markup.MarkupException;
import io.dmagent.codec.markup.TokenLimits;
import io.dmagent.codec.markup.WorkMeter;
import io.dmagent.codec.markup.XmlTokenizer;

/**
 * XML through our {@link XmlTokenizer}, the one DM messages are read with: bounded per element,
 * linear in the document, no DTD or entity beyond XML's own, the same characters refused.
 */
final class XmlMarkup implements Markup {
  /** The DDF namespace when a TNDS document is embedded in a DM message. */
  static final String DDF_NAMESPACE = "syncml:dmddf1.2";

  private final XmlTokenizer tokens;

  XmlMarkup(byte[] document, WorkMeter work) throws DmException {
    try {
      tokens = new XmlTokenizer(document, TokenLimits.defaults(), work);
    } catch (MarkupException e) {
      throw Refusals.of("not an XML document", e);
    }
  }

  @Override
  public Event next() throws DmException {
    try {
      return switch (tokens.next()) {
        case START -> Event.START;
        case END -> Event.END;
        case TEXT -> Event.TEXT;
        case END_OF_DOCUMENT -> Event.END_OF_DOCUMENT;
      };
    } catch (MarkupException e) {
      throw Refusals.of("malformed XML", e);
    }
  }

  @Override
  public String name() {
    return tokens.localName();
  }

  @Override
  public boolean foreign() {
    String ns = tokens.namespace();
    return !(ns.isEmpty() || ns.equalsIgnoreCase(DDF_NAMESPACE));
  }

  @Override
  public String text() {
    return tokens.text();
  }

  @Override
  public byte[] opaque() {
    throw new IllegalStateException("XML has no opaque data");
  }
}
