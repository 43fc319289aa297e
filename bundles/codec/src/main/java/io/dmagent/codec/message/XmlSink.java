package io.dmagent.codec.message;

import io.dmagent.api.message.ItemData;
import io.dmagent.codec.description.Utf8;
import io.dmagent.codec.description.XmlChars;
import java.nio.charset.StandardCharsets;

/**
 * Compact UTF-8 XML, no white space between elements: the form {@code encodedSize} counts. The root
 * carries {@code xmlns="SYNCML:SYNCML1.2"}; every MetInf element carries {@code
 * xmlns="syncml:metinf"}, as real clients write {@code <Type xmlns='syncml:metinf'>}; embedded
 * markup is written as real child elements of Data in its own namespace.
 */
final class XmlSink implements MessageSink {
  static final String PROLOG = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

  private final StringBuilder out = new StringBuilder(512);

  /** {@code document}: with the XML declaration, as a whole message starts. */
  XmlSink(boolean document) {
    if (document) {
      out.append(PROLOG);
    }
  }

  @Override
  public void open(Tag tag) {
    startTag(tag);
    out.append('>');
  }

  private void startTag(Tag tag) {
    out.append('<').append(tag.element());
    if (tag == Tag.SYNC_ML) {
      out.append(" xmlns=\"").append(Namespaces.SYNCML).append('"');
    } else if (tag.isMetInf()) {
      out.append(" xmlns=\"").append(Namespaces.METINF).append('"');
    }
  }

  @Override
  public void close(Tag tag) {
    out.append("</").append(tag.element()).append('>');
  }

  @Override
  public void empty(Tag tag) {
    startTag(tag);
    out.append("/>");
  }

  @Override
  public void text(Tag tag, String text) {
    if (text.isEmpty()) {
      empty(tag);
      return;
    }
    if (!XmlChars.isLegal(text)) {
      throw new IllegalArgumentException(
          "<" + tag.element() + "> holds characters XML cannot carry");
    }
    open(tag);
    XmlChars.escape(text, out);
    close(tag);
  }

  @Override
  public void data(ItemData data) {
    if (data instanceof ItemData.Markup m) {
      MarkupText xml = new MarkupText();
      MarkupText.replay(m.xml(), xml);
      open(Tag.DATA);
      out.append(xml.xml());
      close(Tag.DATA);
    } else if (data instanceof ItemData.Opaque o) {
      text(
          Tag.DATA,
          Utf8.strict(o.bytes())
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "opaque Data that is not UTF-8 cannot go out in XML (send it as b64)")));
    } else {
      text(Tag.DATA, data.text());
    }
  }

  @Override
  public byte[] finish() {
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
