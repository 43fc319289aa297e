package io.dmagent.codec.message;

import io.dmagent.api.message.MessageFormatException;
import io.dmagent.codec.description.Doctypes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.kxml2.io.KXmlParser;
import org.xmlpull.v1.XmlPullParser;
import org.xmlpull.v1.XmlPullParserException;

/**
 * XML through kxml2's pull parser, namespace-aware. kxml2 never fetches a DTD or an external entity
 * and knows only the five predefined entities and character references, so an undeclared entity is
 * an error, never a lookup. A DOCTYPE with an internal subset is refused outright: that is where
 * entity declarations live (billion laughs, external entities), and no SyncML message needs one. A
 * DOCTYPE that only names the SyncML DTD, as libwbxml's samples and old servers write, is passed
 * over; its DTD is never read.
 */
final class XmlReader implements EventSource {
  private final KXmlParser parser = new KXmlParser();
  private boolean inProlog = true;
  private Tag tag;
  private boolean foreign;

  XmlReader(byte[] message) throws MessageFormatException {
    try {
      parser.setFeature(XmlPullParser.FEATURE_PROCESS_NAMESPACES, true);
      parser.setInput(new ByteArrayInputStream(message), null);
    } catch (XmlPullParserException | RuntimeException e) {
      throw Refusal.parserFailure("not an XML document", e);
    }
  }

  @Override
  public Event next() throws MessageFormatException {
    try {
      return event(inProlog ? skipProlog() : parser.next());
    } catch (XmlPullParserException e) {
      if (String.valueOf(e.getMessage()).startsWith("unterminated entity ref")) {
        throw new BareAmpersand(Refusal.parserFailure("malformed XML", e).getMessage());
      }
      throw Refusal.parserFailure("malformed XML", e);
    } catch (IOException e) {
      throw Refusal.parserFailure("malformed XML", e);
    } catch (RuntimeException e) {
      // kxml2 reports some broken input with unchecked exceptions; it is still broken input.
      throw Refusal.parserFailure("malformed XML", e);
    }
  }

  /** Token by token up to the root element, to see the DOCTYPE that next() would pass over. */
  private int skipProlog() throws XmlPullParserException, IOException, MessageFormatException {
    inProlog = false;
    int type;
    while ((type = parser.nextToken()) != XmlPullParser.START_TAG
        && type != XmlPullParser.END_DOCUMENT) {
      if (type == XmlPullParser.DOCDECL && Doctypes.hasInternalSubset(parser.getText())) {
        throw Refusal.malformed("a DOCTYPE with an internal subset (entity declarations)");
      }
    }
    return type;
  }

  private Event event(int type) throws MessageFormatException {
    switch (type) {
      case XmlPullParser.START_TAG:
        String ns = parser.getNamespace();
        foreign = !(Namespaces.isSyncMl(ns) || Namespaces.isMetInf(ns));
        tag = foreign ? null : Tag.of(parser.getName());
        return Event.START;
      case XmlPullParser.END_TAG:
        return Event.END;
      case XmlPullParser.TEXT:
        return Event.TEXT;
      case XmlPullParser.END_DOCUMENT:
        return Event.END_OF_DOCUMENT;
      default:
        throw Refusal.malformed("unexpected XML event " + type);
    }
  }

  /** A {@code &} that starts no reference: see {@link BareAmpersands}. */
  static final class BareAmpersand extends MessageFormatException {
    private static final long serialVersionUID = 1L;

    BareAmpersand(String message) {
      super(Refusal.BAD_REQUEST, message);
    }
  }

  @Override
  public Tag tag() {
    return tag;
  }

  @Override
  public boolean foreign() {
    return foreign;
  }

  @Override
  public String name() {
    return parser.getName();
  }

  @Override
  public String namespace() {
    return parser.getNamespace();
  }

  @Override
  public String text() {
    return parser.getText();
  }

  @Override
  public byte[] opaque() {
    throw new IllegalStateException("XML has no opaque data");
  }

  @Override
  public int opaqueLength() {
    throw new IllegalStateException("XML has no opaque data");
  }
}
