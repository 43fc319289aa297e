package io.dmagent.codec.message;

import io.dmagent.codec.description.XmlChars;
import io.dmagent.codec.markup.MarkupException;
import io.dmagent.codec.markup.TokenLimits;
import io.dmagent.codec.markup.WorkMeter;
import io.dmagent.codec.markup.XmlTokenizer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

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
   * handler}, normalised, through the same tokenizer as every XML. A text that is no single
   * well-formed element is the caller's mistake.
   *
   * @throws IllegalArgumentException when the text is not one well-formed element
   */
  static void replay(String xml, MarkupHandler handler) {
    MarkupNormalizer normalized = new MarkupNormalizer(handler);
    try {
      XmlTokenizer tokens =
          new XmlTokenizer(
              xml.getBytes(StandardCharsets.UTF_8), TokenLimits.defaults(), new WorkMeter());
      for (XmlTokenizer.Event e = tokens.next();
          e != XmlTokenizer.Event.END_OF_DOCUMENT;
          e = tokens.next()) {
        switch (e) {
          case START -> normalized.start(tokens.namespace(), tokens.localName());
          case END -> normalized.end();
          case TEXT -> normalized.text(tokens.text());
          case END_OF_DOCUMENT -> throw new IllegalStateException("ended above");
        }
      }
    } catch (MarkupException e) {
      throw new IllegalArgumentException(
          "Markup data is not one well-formed element: " + e.getMessage());
    }
  }
}
