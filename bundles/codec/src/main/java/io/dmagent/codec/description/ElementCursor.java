package io.dmagent.codec.description;

import io.dmagent.api.tree.DmException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Walks a {@link Markup} stream element by element for the DDF/TNDS readers: the next child of the
 * current element, the content of a simple element, skipping. Applies the {@link InputGuard} to
 * every element and every content, skips foreign elements wherever they appear, ignores white space
 * between elements, and refuses any other text there. Unknown elements of the DDF vocabulary are
 * errors.
 */
final class ElementCursor {
  private final Markup markup;
  private final InputGuard guard;

  /** Names of the open elements, innermost first; its size is the current depth. */
  private final Deque<String> open = new ArrayDeque<>();

  /** The element that ended last, for messages about it. */
  private String lastClosed = "";

  ElementCursor(Markup markup, InputGuard guard) {
    this.markup = markup;
    this.guard = guard;
  }

  /** Moves to the document's root element, which must be {@code expected}. */
  void enterRoot(DdfTag expected) throws DmException {
    Markup.Event e = pull();
    while (e == Markup.Event.TEXT && XmlChars.isBlank(markup.text())) {
      e = pull();
    }
    if (e != Markup.Event.START || markup.foreign() || !markup.name().equals(expected.element())) {
      throw Refusals.malformed("the root element is not " + expected.element());
    }
  }

  /**
   * Moves to the next child element of the current element, or past the current element's end.
   *
   * @return the child's tag, or {@code null} when the current element has ended
   */
  DdfTag nextChild() throws DmException {
    while (true) {
      switch (pull()) {
        case START -> {
          if (!markup.foreign()) {
            return known();
          }
          skip();
        }
        case END -> {
          return null;
        }
        case TEXT -> {
          if (!XmlChars.isBlank(markup.text())) {
            throw Refusals.malformed("text inside <" + parentName() + ">, where only elements go");
          }
        }
        case OPAQUE -> throw Refusals.malformed("opaque data inside <" + parentName() + ">");
        case END_OF_DOCUMENT -> throw truncated();
      }
    }
  }

  /** The content of the current element up to its end; child elements are errors. */
  Content content() throws DmException {
    StringBuilder text = new StringBuilder();
    ByteArrayOutputStream opaque = new ByteArrayOutputStream();
    boolean sawOpaque = false;
    while (true) {
      switch (pull()) {
        case START -> {
          if (!markup.foreign()) {
            throw Refusals.malformed("element <" + markup.name() + "> inside " + parentOf());
          }
          skip();
        }
        case END -> {
          return finish(text, opaque, sawOpaque);
        }
        case TEXT -> {
          text.append(markup.text());
          guard.text(text.length());
        }
        case OPAQUE -> {
          opaque.writeBytes(markup.opaque());
          sawOpaque = true;
          guard.text(opaque.size());
        }
        case END_OF_DOCUMENT -> throw truncated();
      }
    }
  }

  /** The current element's text; a WBXML opaque block must then be UTF-8. */
  String text() throws DmException {
    return content().asText();
  }

  /** The current element's text without surrounding white space, for names and identifiers. */
  String trimmedText() throws DmException {
    return XmlChars.trim(text());
  }

  /** The current element must be empty, like {@code <Get/>}. */
  void requireEmpty() throws DmException {
    Content c = content();
    if (c instanceof Content.Opaque || !XmlChars.isBlank(c.asText())) {
      throw Refusals.malformed("<" + lastClosed + "> must be empty");
    }
  }

  /**
   * Reads an element that holds exactly one child, such as {@code <DFFormat><chr/></DFFormat>}:
   * returns that child, positioned at its start. Call {@link #endOfOnlyChild} after reading it.
   */
  DdfTag onlyChild() throws DmException {
    String parent = open.peek();
    DdfTag child = nextChild();
    if (child == null) {
      throw Refusals.malformed("<" + parent + "> is empty");
    }
    return child;
  }

  /** After the only child was read: the enclosing element must end here. */
  void endOfOnlyChild() throws DmException {
    String parent = open.peek();
    if (nextChild() != null) {
      throw Refusals.malformed("<" + parent + "> holds more than one element");
    }
  }

  /** Skips the current element with everything inside it. */
  void skip() throws DmException {
    int level = open.size();
    while (open.size() >= level) {
      if (pull() == Markup.Event.END_OF_DOCUMENT) {
        throw truncated();
      }
    }
  }

  /** After the root element ended: nothing but the end of the document may follow. */
  void requireEndOfDocument() throws DmException {
    Markup.Event e;
    while ((e = pull()) == Markup.Event.TEXT && XmlChars.isBlank(markup.text())) {
      // trailing line breaks are fine
    }
    if (e != Markup.Event.END_OF_DOCUMENT) {
      throw Refusals.malformed("content after the root element");
    }
  }

  /** Before reading a field that may appear only once: {@code current} is its value so far. */
  void once(Object current, DdfTag tag) throws DmException {
    if (current != null) {
      throw duplicate(tag);
    }
  }

  DmException unexpected(DdfTag tag) {
    return Refusals.malformed("<" + tag.element() + "> is not expected in " + where());
  }

  DmException duplicate(DdfTag tag) {
    return Refusals.malformed("<" + tag.element() + "> twice in " + where());
  }

  DmException missing(DdfTag tag) {
    return Refusals.malformed("<" + tag.element() + "> missing in " + where());
  }

  /** The element path of the current position, for messages, e.g. {@code MgmtTree/Node/Node}. */
  String where() {
    StringBuilder b = new StringBuilder();
    open.descendingIterator().forEachRemaining(n -> b.append(b.length() == 0 ? "" : "/").append(n));
    return b.length() == 0 ? "the document" : b.toString();
  }

  private Markup.Event pull() throws DmException {
    Markup.Event e = markup.next();
    if (e == Markup.Event.START) {
      open.push(markup.name());
      guard.enter(open.size());
    } else if (e == Markup.Event.END) {
      lastClosed = open.isEmpty() ? "" : open.pop();
    }
    return e;
  }

  private DdfTag known() throws DmException {
    String name = markup.name();
    return DdfTag.of(name)
        .orElseThrow(() -> Refusals.malformed("unknown element <" + name + "> in " + parentOf()));
  }

  private String parentName() {
    return open.isEmpty() ? "" : open.peek();
  }

  private String parentOf() {
    String current = open.pop();
    String path = where();
    open.push(current);
    return path;
  }

  private static Content finish(StringBuilder text, ByteArrayOutputStream opaque, boolean sawOpaque)
      throws DmException {
    if (!sawOpaque) {
      return new Content.Text(text.toString());
    }
    if (!XmlChars.isBlank(text)) {
      throw Refusals.malformed("content mixes opaque data and text");
    }
    return new Content.Opaque(opaque.toByteArray());
  }

  private DmException truncated() {
    return Refusals.malformed("the document ends inside " + where());
  }
}
