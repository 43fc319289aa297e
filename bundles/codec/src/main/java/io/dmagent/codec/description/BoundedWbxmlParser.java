package io.dmagent.codec.description;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.kxml2.wap.Wbxml;
import org.kxml2.wap.WbxmlParser;
import org.xmlpull.v1.XmlPullParserException;

/**
 * kxml2's WBXML parser with a bounded OPAQUE: kxml2 allocates an opaque block at the length the
 * document claims (up to 2 GiB) and loops on a short read. Here the length must fit in what is left
 * of the document. {@link WbxmlParser#parseWapExtension} is kxml2's documented hook for this.
 */
final class BoundedWbxmlParser extends WbxmlParser {
  private final ByteArrayInputStream input;

  /** {@code input} must be the stream later given to {@link #setInput}. */
  BoundedWbxmlParser(ByteArrayInputStream input) {
    this.input = input;
  }

  @Override
  public Object parseWapExtension(int id) throws IOException, XmlPullParserException {
    if (id != Wbxml.OPAQUE) {
      return super.parseWapExtension(id);
    }
    long length = readMbUint();
    // ByteArrayInputStream.available() is exactly the number of unread bytes.
    if (length > input.available()) {
      throw new XmlPullParserException("OPAQUE of " + length + " bytes overruns the document");
    }
    return input.readNBytes((int) length);
  }

  private long readMbUint() throws XmlPullParserException {
    long value = 0;
    for (int i = 0; i < 5; i++) {
      int b = input.read();
      if (b < 0) {
        throw new XmlPullParserException("document ends inside an OPAQUE length");
      }
      value = (value << 7) | (b & 0x7F);
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new XmlPullParserException("OPAQUE length longer than 5 bytes");
  }
}
