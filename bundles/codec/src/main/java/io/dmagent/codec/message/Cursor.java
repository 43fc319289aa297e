package io.dmagent.codec.message;

import io.dmagent.api.message.ItemData;
import io.dmagent.api.message.MessageFormatException;
import io.dmagent.codec.description.DdfTag;
import io.dmagent.codec.description.Utf8;
import io.dmagent.codec.description.XmlChars;
import io.dmagent.codec.markup.WorkMeter;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Walks an {@link EventSource} element by element for the {@link MessageReader}: the next child of
 * the current element, the text of a simple element, the content of a Data element, skipping.
 * Applies the {@link MessageLimits} to every element and every content; skips elements of other
 * vocabularies where elements are expected; ignores white space between elements and refuses any
 * other text there. Not thread-safe: one per decode.
 */
final class Cursor {
  private final EventSource in;
  private final MessageLimits limits;
  private final WorkMeter work;

  /** Names of the open elements, outermost first; {@code depth} of them are in use. */
  private String[] open = new String[16];

  private int depth;
  private int elements;

  /** The element that ended last, for messages about what it lacked. */
  private String lastClosed = "";

  Cursor(EventSource in, MessageLimits limits, WorkMeter work) {
    this.in = in;
    this.limits = limits;
    this.work = work;
  }

  /** Moves to the root element, which must be {@code expected}. */
  void enterRoot(Tag expected) throws MessageFormatException {
    EventSource.Event e = pull();
    while (e == EventSource.Event.TEXT && XmlChars.isBlank(in.text())) {
      e = pull();
    }
    if (e != EventSource.Event.START || in.tag() != expected) {
      throw Refusal.malformed("the root element is not <" + expected.element() + ">");
    }
  }

  /**
   * Moves to the next child element of the current element, or past the current element's end.
   *
   * @return the child's tag, or {@code null} when the current element has ended
   */
  Tag nextChild() throws MessageFormatException {
    while (true) {
      switch (pull()) {
        case START -> {
          Tag tag = in.tag();
          if (tag != null) {
            return tag;
          }
          if (!in.foreign()) {
            throw Refusal.malformed("unknown element " + in.describe() + " in " + parent());
          }
          skip();
        }
        case END -> {
          return null;
        }
        case TEXT -> {
          if (!XmlChars.isBlank(in.text())) {
            throw Refusal.malformed("text inside " + where() + ", where only elements go");
          }
        }
        case OPAQUE -> throw Refusal.malformed("opaque data inside " + where());
        case END_OF_DOCUMENT -> throw truncated();
      }
    }
  }

  /** The text of the current element up to its end; opaque data must be UTF-8. */
  String text() throws MessageFormatException {
    Text text = new Text();
    while (true) {
      switch (pull()) {
        case TEXT -> append(text, in.text());
        case OPAQUE -> append(text, utf8(in.opaque()));
        case START -> {
          if (!in.foreign()) {
            throw Refusal.malformed("element " + in.describe() + " inside " + parent());
          }
          skip();
        }
        case END -> {
          return text.toString();
        }
        case END_OF_DOCUMENT -> throw truncated();
      }
    }
  }

  private void append(Text text, String piece) throws MessageFormatException {
    text.append(piece);
    checkText(text.length());
  }

  /** The text of an identifier, a URI or a Meta value: without surrounding XML white space. */
  String trimmedText() throws MessageFormatException {
    return XmlChars.trim(text());
  }

  /**
   * The content of the current Data element: text (inline, table or character data), opaque bytes
   * (WBXML), or one embedded element as its normalised XML text.
   */
  ItemData data() throws MessageFormatException {
    Text text = new Text();
    ByteArrayOutputStream opaque = null;
    ItemData.Markup markup = null;
    while (true) {
      switch (pull()) {
        case TEXT -> append(text, in.text());
        case OPAQUE -> {
          if (opaque == null) {
            opaque = new ByteArrayOutputStream(in.opaqueLength());
          }
          opaque.writeBytes(in.opaque());
          if (opaque.size() > limits.maxOpaqueLength()) {
            throw Refusal.tooLarge("opaque data longer than " + limits.maxOpaqueLength());
          }
        }
        case START -> {
          if (markup != null) {
            throw Refusal.malformed("more than one element inside " + parent());
          }
          markup = markup();
        }
        case END -> {
          return data(text, opaque, markup);
        }
        case END_OF_DOCUMENT -> throw truncated();
      }
    }
  }

  private ItemData data(Text text, ByteArrayOutputStream opaque, ItemData.Markup markup)
      throws MessageFormatException {
    boolean blank = XmlChars.isBlank(text.toString());
    if (markup != null) {
      if (opaque != null || !blank) {
        throw Refusal.malformed("an element mixed with text or opaque data in " + closedPath());
      }
      return markup;
    }
    if (opaque != null) {
      if (!blank) {
        throw Refusal.malformed("opaque data mixed with text in " + closedPath());
      }
      byte[] bytes = opaque.toByteArray();
      return WbxmlReader.isDdfDocument(bytes) ? embedded(bytes) : ItemData.opaque(bytes);
    }
    return ItemData.text(text.toString());
  }

  /**
   * A WBXML DM DDF document in opaque data, as libwbxml embeds a TNDS document: the same markup as
   * if it had come inline.
   */
  private ItemData.Markup embedded(byte[] document) throws MessageFormatException {
    Cursor inner =
        new Cursor(new WbxmlReader(document, limits, WbxmlReader.Kind.DDF, work), limits, work);
    if (inner.pull() != EventSource.Event.START) {
      throw Refusal.malformed("the DM DDF document in " + closedPath() + " has no root element");
    }
    ItemData.Markup markup = inner.markup();
    inner.requireEndOfDocument();
    return markup;
  }

  /** Captures the element at START, with everything inside it, as normalised XML text. */
  private ItemData.Markup markup() throws MessageFormatException {
    MarkupText xml = new MarkupText();
    MarkupNormalizer out = new MarkupNormalizer(xml);
    int level = depth;
    startMarkup(out);
    while (depth >= level) {
      switch (pull()) {
        case START -> startMarkup(out);
        case END -> out.end();
        case TEXT -> markupText(out, in.text());
        case OPAQUE -> markupText(out, utf8(in.opaque()));
        case END_OF_DOCUMENT -> throw truncated();
      }
    }
    return new ItemData.Markup(xml.xml());
  }

  private void startMarkup(MarkupHandler out) throws MessageFormatException {
    if (in.name() == null) {
      throw Refusal.malformed("undefined " + in.describe() + " in markup inside " + parent());
    }
    if (!isName(in.name())) {
      // A WBXML literal tag can be any string; as XML text it must be a name.
      throw Refusal.malformed("an element name XML does not allow in markup inside " + parent());
    }
    boolean ddf = Namespaces.isSyncMl(in.namespace()) || in.namespace().equals(Namespaces.DDF);
    if (ddf ? DdfTag.of(in.name()).isEmpty() : !in.carriesForeignMarkup()) {
      throw Refusal.malformed(
          in.describe() + " is no DM DDF element, in markup inside " + parent());
    }
    out.start(in.namespace(), in.name());
  }

  private void markupText(MarkupHandler out, String text) throws MessageFormatException {
    checkText(text.length());
    if (!XmlChars.isLegal(text)) {
      throw Refusal.malformed("markup inside Data holds characters XML cannot carry");
    }
    out.text(text);
  }

  /** An XML name without prefix, conservatively: a letter or '_', then letters, digits, . - _. */
  private static boolean isName(String name) {
    if (name.isEmpty() || !(Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')) {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_')) {
        return false;
      }
    }
    return true;
  }

  /** Skips the current element with everything inside it. */
  void skip() throws MessageFormatException {
    int level = depth;
    while (depth >= level) {
      if (pull() == EventSource.Event.END_OF_DOCUMENT) {
        throw truncated();
      }
    }
  }

  /** After the root element ended: nothing but white space may follow. */
  void requireEndOfDocument() throws MessageFormatException {
    EventSource.Event e;
    while ((e = pull()) == EventSource.Event.TEXT && XmlChars.isBlank(in.text())) {
      // a trailing line break is fine
    }
    if (e != EventSource.Event.END_OF_DOCUMENT) {
      throw Refusal.malformed("content after the root element");
    }
  }

  /** After the element that lacks {@code tag} has ended. */
  MessageFormatException missing(Tag tag) {
    return Refusal.malformed("<" + tag.element() + "> missing in " + closedPath());
  }

  /** The path of the element that ended last, e.g. {@code SyncML/SyncBody/Alert}. */
  String closedPath() {
    return depth == 0 ? lastClosed : where() + "/" + lastClosed;
  }

  /** At the start of the second {@code tag}. */
  MessageFormatException duplicate(Tag tag) {
    return Refusal.malformed("<" + tag.element() + "> twice in " + parent());
  }

  /** The element path of the current position, e.g. {@code SyncML/SyncBody/Add}. */
  String where() {
    return depth == 0 ? "the message" : String.join("/", Arrays.asList(open).subList(0, depth));
  }

  /** The path of the current element's parent, when the current one is the subject. */
  String parent() {
    depth--;
    String path = where();
    depth++;
    return path;
  }

  private EventSource.Event pull() throws MessageFormatException {
    EventSource.Event e = in.next();
    if (e == EventSource.Event.START) {
      if (depth == limits.maxDepth()) {
        throw Refusal.tooLarge("elements nested deeper than " + limits.maxDepth());
      }
      if (++elements > limits.maxElements()) {
        throw Refusal.tooLarge("more than " + limits.maxElements() + " elements");
      }
      if (depth == open.length) {
        open = Arrays.copyOf(open, depth * 2);
      }
      open[depth++] = in.name() == null ? "?" : in.name();
    } else if (e == EventSource.Event.END) {
      lastClosed = open[--depth];
    }
    return e;
  }

  private MessageFormatException truncated() {
    return Refusal.malformed("the message ends inside " + where());
  }

  private void checkText(int length) throws MessageFormatException {
    if (length > limits.maxTextLength()) {
      throw Refusal.tooLarge("an element's text is longer than " + limits.maxTextLength());
    }
  }

  /** Opaque data where text is expected: UTF-8 without NUL, as any WBXML string is. */
  private static String utf8(byte[] bytes) throws MessageFormatException {
    String text =
        Utf8.strict(bytes)
            .orElseThrow(
                () -> Refusal.malformed("opaque data where text is expected is not UTF-8"));
    if (text.indexOf('\0') >= 0) {
      throw Refusal.malformed("opaque data where text is expected holds a NUL");
    }
    return text;
  }

  /**
   * An element's text, mostly one piece: kept as that String, a builder only when a second comes
   * (WBXML strings split by entities or table references, XML text around a comment).
   */
  private static final class Text {
    private String first = "";
    private StringBuilder more;

    void append(String piece) {
      if (more != null) {
        more.append(piece);
      } else if (first.isEmpty()) {
        first = piece;
      } else {
        more = new StringBuilder(first).append(piece);
      }
    }

    int length() {
      return more != null ? more.length() : first.length();
    }

    @Override
    public String toString() {
      return more != null ? more.toString() : first;
    }
  }
}
