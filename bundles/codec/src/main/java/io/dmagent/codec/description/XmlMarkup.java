package io.dmagent.codec.description;

import io.dmagent.api.tree.DmException;
import java.io.IOException;
import org.xmlpull.v1.XmlPullParser;
import org.xmlpull.v1.XmlPullParserException;

/**
 * XML through kxml2's pull parser, guarded against DTDs and entities ({@link GuardedXmlParser}).
 */
final class XmlMarkup implements Markup {
  /** The DDF namespace when a TNDS document is embedded in a DM message. */
  static final String DDF_NAMESPACE = "syncml:dmddf1.2";

  private final GuardedXmlParser guarded;
  private final XmlPullParser parser;

  XmlMarkup(byte[] document) throws DmException {
    try {
      guarded = new GuardedXmlParser(document);
      parser = guarded.parser();
    } catch (XmlPullParserException | RuntimeException e) {
      throw Refusals.parserFailure("not an XML document", e);
    }
  }

  @Override
  public Event next() throws DmException {
    try {
      return event(guarded.next());
    } catch (XmlPullParserException | IOException e) {
      throw Refusals.parserFailure("malformed XML", e);
    } catch (RuntimeException e) {
      // kxml2 reports some broken input with unchecked exceptions; it is still broken input.
      throw Refusals.parserFailure("malformed XML", e);
    }
  }

  private static Event event(int type) throws DmException {
    return switch (type) {
      case XmlPullParser.START_TAG -> Event.START;
      case XmlPullParser.END_TAG -> Event.END;
      case XmlPullParser.TEXT -> Event.TEXT;
      case XmlPullParser.END_DOCUMENT -> Event.END_OF_DOCUMENT;
      default -> throw Refusals.malformed("unexpected XML event " + type);
    };
  }

  @Override
  public String name() {
    return parser.getName();
  }

  @Override
  public boolean foreign() {
    String ns = parser.getNamespace();
    return !(ns.isEmpty() || ns.equalsIgnoreCase(DDF_NAMESPACE));
  }

  @Override
  public String text() {
    return parser.getText();
  }

  @Override
  public byte[] opaque() {
    throw new IllegalStateException("XML has no opaque data");
  }
}
