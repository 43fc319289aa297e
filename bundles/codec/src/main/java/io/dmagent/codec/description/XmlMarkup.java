package io.dmagent.codec.description;

import io.dmagent.api.tree.DmException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.kxml2.io.KXmlParser;
import org.xmlpull.v1.XmlPullParser;
import org.xmlpull.v1.XmlPullParserException;

/**
 * XML through kxml2's pull parser. kxml2 never fetches a DTD or an external entity and knows only
 * the five predefined entities, so an undeclared reference is an error, not a lookup. A DOCTYPE
 * with an internal subset is refused outright: that is where entity declarations (billion laughs,
 * external entities) live, and no DDF needs one.
 */
final class XmlMarkup implements Markup {
  /** The DDF namespace when a TNDS document is embedded in a DM message. */
  static final String DDF_NAMESPACE = "syncml:dmddf1.2";

  private final KXmlParser parser = new KXmlParser();
  private boolean inProlog = true;

  XmlMarkup(byte[] document) throws DmException {
    try {
      parser.setFeature(XmlPullParser.FEATURE_PROCESS_NAMESPACES, true);
      parser.setInput(new ByteArrayInputStream(document), null);
    } catch (XmlPullParserException | RuntimeException e) {
      throw Refusals.parserFailure("not an XML document", e);
    }
  }

  @Override
  public Event next() throws DmException {
    try {
      return event(inProlog ? skipProlog() : parser.next());
    } catch (XmlPullParserException | IOException e) {
      throw Refusals.parserFailure("malformed XML", e);
    } catch (RuntimeException e) {
      // kxml2 reports some broken input with unchecked exceptions; it is still broken input.
      throw Refusals.parserFailure("malformed XML", e);
    }
  }

  /** Token by token up to the root element, to see the DOCTYPE that next() would skip. */
  private int skipProlog() throws XmlPullParserException, IOException, DmException {
    inProlog = false;
    int type;
    while ((type = parser.nextToken()) != XmlPullParser.START_TAG
        && type != XmlPullParser.END_DOCUMENT) {
      if (type == XmlPullParser.DOCDECL && Doctypes.hasInternalSubset(parser.getText())) {
        throw Refusals.malformed("a DOCTYPE with an internal subset (entity declarations)");
      }
    }
    return type;
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
