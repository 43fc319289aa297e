package io.dmagent.codec.description;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.kxml2.io.KXmlParser;
import org.xmlpull.v1.XmlPullParser;
import org.xmlpull.v1.XmlPullParserException;

/**
 * kxml2's XML pull parser, namespace-aware, set up for documents from anyone. kxml2 never fetches a
 * DTD or an external entity and knows only the five predefined entities and character references,
 * so an undeclared entity is an error, never a lookup. A DOCTYPE with an internal subset is refused
 * outright: that is where entity declarations live (billion laughs, external entities), and no DDF,
 * TNDS or DM message needs one. A DOCTYPE that only names a DTD is passed over; the DTD is never
 * read.
 */
public final class GuardedXmlParser {
  /** The message of the refusal of a DOCTYPE with an internal subset. */
  public static final String INTERNAL_SUBSET =
      "a DOCTYPE with an internal subset (entity declarations)";

  private final KXmlParser parser = new KXmlParser();
  private boolean inProlog = true;

  public GuardedXmlParser(byte[] document) throws XmlPullParserException {
    parser.setFeature(XmlPullParser.FEATURE_PROCESS_NAMESPACES, true);
    parser.setInput(new ByteArrayInputStream(document), null);
  }

  /** As {@link XmlPullParser#next()}, after a look at the prolog that next() would skip. */
  public int next() throws XmlPullParserException, IOException {
    if (!inProlog) {
      return parser.next();
    }
    inProlog = false;
    int type;
    while ((type = parser.nextToken()) != XmlPullParser.START_TAG
        && type != XmlPullParser.END_DOCUMENT) {
      if (type == XmlPullParser.DOCDECL && hasInternalSubset(parser.getText())) {
        throw new XmlPullParserException(INTERNAL_SUBSET);
      }
    }
    return type;
  }

  /** The parser, for the current event's name, namespace and text. */
  public XmlPullParser parser() {
    return parser;
  }

  /** An internal subset opens with '[' outside the quoted public and system identifiers. */
  static boolean hasInternalSubset(String doctype) {
    char quote = 0;
    for (int i = 0; i < doctype.length(); i++) {
      char c = doctype.charAt(i);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '[') {
        return true;
      }
    }
    return false;
  }
}
