package io.dmagent.codec.message;

import io.dmagent.api.message.MessageFormatException;
import io.dmagent.codec.description.XmlChars;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.kxml2.io.KXmlParser;
import org.xmlpull.v1.XmlPullParser;
import org.xmlpull.v1.XmlPullParserException;

/**
 * Embedded markup as the XML text {@code ItemData.Markup} holds: compact, a namespace declaration
 * on the root and wherever the namespace changes, {@code <X/>} for an element without content, text
 * escaped as {@link XmlChars#escape} does. And back: the XML text of a Markup parsed into events.
 */
final class MarkupText implements MarkupHandler {
  private final StringBuilder out = new StringBuilder();
  private final Deque<String> namespaces = new ArrayDeque<>();
  private final Deque<String> names = new ArrayDeque<>();
  private boolean startOpen;

  @Override
  public void start(String namespace, String name) {
    closeStart();
    out.append('<').append(name);
    if (!namespace.equals(namespaces.peek())) {
      out.append(" xmlns=\"");
      XmlChars.escapeAttribute(namespace, out);
      out.append('"');
    }
    namespaces.push(namespace);
    names.push(name);
    startOpen = true;
  }

  @Override
  public void text(String text) {
    closeStart();
    XmlChars.escape(text, out);
  }

  @Override
  public void end() {
    namespaces.pop();
    String name = names.pop();
    if (startOpen) {
      out.append("/>");
      startOpen = false;
    } else {
      out.append("</").append(name).append('>');
    }
  }

  private void closeStart() {
    if (startOpen) {
      out.append('>');
      startOpen = false;
    }
  }

  String xml() {
    return out.toString();
  }

  /**
   * Parses the XML text of a Markup (one element, no prolog needed) and hands its events to {@code
   * handler}, normalised. Only the model's own data is parsed here, never a peer's bytes; a text
   * that is no single well-formed element is the caller's mistake.
   *
   * @throws IllegalArgumentException when the text is not one well-formed element
   */
  static void replay(String xml, MarkupHandler handler) {
    MarkupNormalizer normalized = new MarkupNormalizer(handler);
    KXmlParser parser = new KXmlParser();
    try {
      parser.setFeature(XmlPullParser.FEATURE_PROCESS_NAMESPACES, true);
      parser.setInput(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "UTF-8");
      int depth = 0;
      boolean rootSeen = false;
      for (int type = parser.next(); type != XmlPullParser.END_DOCUMENT; type = parser.next()) {
        switch (type) {
          case XmlPullParser.START_TAG -> {
            if (rootSeen && depth == 0) {
              throw new IllegalArgumentException("Markup data holds more than one element");
            }
            rootSeen = true;
            depth++;
            normalized.start(parser.getNamespace(), parser.getName());
          }
          case XmlPullParser.END_TAG -> {
            depth--;
            normalized.end();
          }
          case XmlPullParser.TEXT -> {
            if (depth > 0) {
              normalized.text(parser.getText());
            }
          }
          default -> throw new IllegalArgumentException("Markup data is no plain element");
        }
      }
      if (!rootSeen) {
        throw new IllegalArgumentException("Markup data holds no element");
      }
      if (depth != 0) {
        throw new IllegalArgumentException("Markup data ends inside an element");
      }
    } catch (XmlPullParserException | IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException i) {
        throw i;
      }
      MessageFormatException why = Refusal.parserFailure("Markup data is not well-formed XML", e);
      throw new IllegalArgumentException(why.getMessage());
    }
  }
}
