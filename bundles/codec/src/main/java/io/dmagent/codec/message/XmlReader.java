package io.dmagent.codec.message;

import io.dmagent.api.message.MessageFormatException;
import io.dmagent.codec.description.GuardedXmlParser;
import io.dmagent.codec.description.XmlChars;
import java.io.IOException;
import org.xmlpull.v1.XmlPullParser;
import org.xmlpull.v1.XmlPullParserException;

/**
 * XML through kxml2's pull parser, guarded against DTDs and entities ({@link GuardedXmlParser}): a
 * DOCTYPE with an internal subset is 400; one that only names the SyncML DTD, as libwbxml's samples
 * and old servers write, is passed over and its DTD never read.
 */
final class XmlReader implements EventSource {
  private final GuardedXmlParser guarded;
  private final XmlPullParser parser;
  private Tag tag;
  private boolean foreign;
  private String text;

  XmlReader(byte[] message) throws MessageFormatException {
    try {
      guarded = new GuardedXmlParser(message);
      parser = guarded.parser();
    } catch (XmlPullParserException | RuntimeException e) {
      throw Refusal.parserFailure("not an XML document", e);
    }
  }

  @Override
  public Event next() throws MessageFormatException {
    try {
      return event(guarded.next());
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
        text = parser.getText();
        // kxml2 does not check characters: a control character or &#1; would pass.
        if (!XmlChars.isLegal(text)) {
          throw Refusal.malformed("text with characters XML does not allow");
        }
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
  public boolean carriesForeignMarkup() {
    return true;
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
    return text;
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
