package io.dmagent.codec.description;

import io.dmagent.api.tree.DmException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.kxml2.wap.Wbxml;
import org.kxml2.wap.WbxmlParser;
import org.xmlpull.v1.XmlPullParser;
import org.xmlpull.v1.XmlPullParserException;

/**
 * WBXML through kxml2's parser with our DM DDF table. The table is registered on page 2, where DM
 * messages and libwbxml put it, and on page 0, so that a standalone document that never switches
 * pages reads too.
 *
 * <p>Events come from {@code nextToken()}, one per string token: kxml2's {@code next()} joins
 * adjacent strings by repeated concatenation (quadratic on hostile input) and its {@code
 * isWhitespace()} answers true for real text, so neither is used.
 */
final class WbxmlMarkup implements Markup {
  private final WbxmlParser parser;
  private byte[] opaque;

  WbxmlMarkup(byte[] document) throws DmException {
    WbxmlHeader.check(document);
    ByteArrayInputStream input = new ByteArrayInputStream(document);
    parser = new BoundedWbxmlParser(input);
    parser.setTagTable(0, DdfTag.kxmlTable());
    parser.setTagTable(DdfTag.CODE_PAGE, DdfTag.kxmlTable());
    try {
      parser.setInput(input, null);
    } catch (XmlPullParserException | RuntimeException e) {
      throw Refusals.parserFailure("malformed WBXML header", e);
    }
  }

  @Override
  public Event next() throws DmException {
    try {
      return event(parser.nextToken());
    } catch (XmlPullParserException | IOException e) {
      throw Refusals.parserFailure("malformed WBXML", e);
    } catch (RuntimeException e) {
      // kxml2 signals some broken input unchecked: an END with no open element, a string table
      // reference past the table, a processing instruction, an undefined code page.
      throw Refusals.parserFailure("malformed WBXML", e);
    }
  }

  private Event event(int type) throws DmException {
    return switch (type) {
      case XmlPullParser.START_TAG -> Event.START;
      case XmlPullParser.END_TAG -> Event.END;
      case XmlPullParser.TEXT, XmlPullParser.ENTITY_REF -> Event.TEXT;
      case XmlPullParser.END_DOCUMENT -> Event.END_OF_DOCUMENT;
      case WbxmlParser.WAP_EXTENSION -> opaqueEvent();
      default -> throw Refusals.malformed("unexpected WBXML event " + type);
    };
  }

  private Event opaqueEvent() throws DmException {
    if (parser.getWapCode() != Wbxml.OPAQUE) {
      throw Refusals.malformed("WBXML extension token " + parser.getWapCode() + " in a DDF");
    }
    opaque = (byte[]) parser.getWapExtensionData();
    return Event.OPAQUE;
  }

  /** Literal tags may carry a prefix, as in {@code MSFT:AllowedValues}: the local part. */
  @Override
  public String name() {
    String name = parser.getName();
    return name.substring(name.indexOf(':') + 1);
  }

  /**
   * WBXML has no namespaces: an element outside the DDF code page can only be a literal tag, and
   * converters such as libwbxml write {@code MSFT:AllowedValues} as the literal {@code
   * AllowedValues}. So every name that is no DDF element, and every prefixed name, is foreign. An
   * undefined token is still an error.
   */
  @Override
  public boolean foreign() {
    return parser.getName().indexOf(':') >= 0 || DdfTag.of(name()).isEmpty();
  }

  @Override
  public String text() {
    return parser.getText();
  }

  @Override
  public byte[] opaque() {
    return opaque.clone();
  }
}
