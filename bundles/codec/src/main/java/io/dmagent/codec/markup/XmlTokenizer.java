package io.dmagent.codec.markup;

import io.dmagent.codec.description.XmlChars;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Our XML pull tokenizer, namespace-aware, for every XML the agent reads: DM messages, DDF and TNDS
 * documents, and the model's own embedded markup. Written instead of kxml2's parser, whose start
 * tag costs grow with the square of its attributes. Every step consumes input or is bounded per
 * element by {@link TokenLimits}, so the work is linear in the document's size; the {@link
 * WorkMeter} counts it.
 *
 * <p>What it reads: XML 1.0 in UTF-8 (the default), UTF-16 with a byte order mark, or any charset
 * Java has that the declaration names, decoded strictly; elements, attributes, the five predefined
 * entities, character references, CDATA sections, comments and processing instructions (both
 * skipped), line ends normalised to LF. A DOCTYPE is passed over and its DTD never read; one with
 * an internal subset (where entity declarations live) is refused, and so is any other entity.
 * Characters XML does not allow are refused, written raw or as a reference ({@code &#1;}): one rule
 * for every XML reader. Text between two tags comes as one TEXT event; nothing but white space,
 * comments and processing instructions may surround the root element.
 */
public final class XmlTokenizer {
  /** The DOCTYPE refusal: entity declarations (billion laughs, external entities) live there. */
  public static final String INTERNAL_SUBSET =
      "a DOCTYPE with an internal subset (entity declarations)";

  /** Events, as a pull parser's: an empty element still gives START then END. */
  public enum Event {
    START,
    END,
    TEXT,
    END_OF_DOCUMENT
  }

  private static final String XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";

  private final char[] in;
  private final TokenLimits limits;
  private final boolean bareAmpersands;
  private final WorkMeter work;
  private final NamespaceScopes scopes;
  private int pos;

  /** Qualified names of the open elements, outermost first. */
  private String[] open = new String[16];

  private int depth;
  private boolean rootSeen;
  private boolean doctypeSeen;
  private boolean pendingEnd;

  private final String[] attributeNames;
  private final StringBuilder text = new StringBuilder();
  private String localName;
  private String namespace;
  private String currentText;

  /** A strict tokenizer: a {@code &} that starts no reference is malformed. */
  public XmlTokenizer(byte[] document, TokenLimits limits, WorkMeter work) throws MarkupException {
    this(document, limits, false, work);
  }

  /**
   * A tokenizer that, when {@code bareAmpersands}, takes a {@code &} that starts no reference (no
   * {@code name;}, {@code #digits;} or {@code #xhex;} follows) as the character itself, in one
   * pass.
   */
  public XmlTokenizer(byte[] document, TokenLimits limits, boolean bareAmpersands, WorkMeter work)
      throws MarkupException {
    this.limits = limits;
    this.bareAmpersands = bareAmpersands;
    this.work = work;
    char[] ascii = asciiCompatible(declaredEncoding(document)) ? plainAscii(document) : null;
    this.in = ascii != null ? ascii : decode(document);
    work.add(document.length + in.length);
    if (ascii == null && !legal(in)) {
      throw MarkupException.malformed("characters XML does not allow");
    }
    work.add(in.length);
    this.scopes = new NamespaceScopes(work);
    this.attributeNames = new String[limits.maxAttributes()];
    pos = in.length > 0 && in[0] == '\uFEFF' ? 1 : 0;
  }

  /** The next event. */
  public Event next() throws MarkupException {
    if (pendingEnd) {
      pendingEnd = false;
      closeElement();
      return Event.END;
    }
    if (depth == 0) {
      return outsideRoot();
    }
    text.setLength(0);
    while (pos < in.length) {
      char c = in[pos];
      if (c != '<') {
        charData();
      } else if (at("</") || (pos + 1 < in.length && isNameStart(in[pos + 1]))) {
        if (text.length() > 0) {
          return textEvent();
        }
        return at("</") ? endTag() : startTag();
      } else if (at("<!--")) {
        comment();
      } else if (at("<![CDATA[")) {
        cdata();
      } else if (at("<?")) {
        processingInstruction();
      } else {
        throw error("markup XML does not allow inside an element");
      }
    }
    throw error("the document ends inside an element");
  }

  /** At START: the element's name without prefix. */
  public String localName() {
    return localName;
  }

  /** At START: the element's namespace URI, empty when it has none. */
  public String namespace() {
    return namespace;
  }

  /** At TEXT: the characters, entities and references replaced. */
  public String text() {
    return currentText;
  }

  // ---- outside the root element

  private Event outsideRoot() throws MarkupException {
    while (true) {
      skipWhitespace();
      if (pos >= in.length) {
        if (!rootSeen) {
          throw error("the document has no root element");
        }
        return Event.END_OF_DOCUMENT;
      }
      if (at("<?")) {
        processingInstruction();
      } else if (at("<!--")) {
        comment();
      } else if (at("<!DOCTYPE")) {
        if (rootSeen || doctypeSeen) {
          throw error("a DOCTYPE out of place");
        }
        doctypeSeen = true;
        doctype();
      } else if (pos + 1 < in.length && in[pos] == '<' && isNameStart(in[pos + 1])) {
        if (rootSeen) {
          throw error("content after the root element");
        }
        rootSeen = true;
        return startTag();
      } else {
        throw error(rootSeen ? "content after the root element" : "text before the root element");
      }
    }
  }

  private void doctype() throws MarkupException {
    int start = pos;
    pos += "<!DOCTYPE".length();
    char quote = 0;
    while (pos < in.length) {
      char c = in[pos++];
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '[') {
        throw MarkupException.malformed(INTERNAL_SUBSET);
      } else if (c == '>') {
        work.add(pos - start);
        return;
      }
    }
    throw error("the document ends inside its DOCTYPE");
  }

  // ---- tags

  private Event startTag() throws MarkupException {
    int start = pos;
    pos++;
    String qname = name("an element name");
    scopes.enter();
    int attributes = 0;
    while (true) {
      boolean space = skipWhitespace();
      if (pos >= in.length) {
        throw error("the document ends inside a start tag");
      }
      if (in[pos] == '>') {
        pos++;
        break;
      }
      if (at("/>")) {
        pos += 2;
        pendingEnd = true;
        break;
      }
      if (!space) {
        throw error("attributes not separated by white space");
      }
      if (attributes == limits.maxAttributes()) {
        throw MarkupException.tooLarge(
            "more than " + limits.maxAttributes() + " attributes on one element");
      }
      String attribute = name("an attribute name");
      for (int i = 0; i < attributes; i++) {
        if (attributeNames[i].equals(attribute)) {
          throw error("an attribute twice on one element");
        }
      }
      work.add(attributes);
      attributeNames[attributes++] = attribute;
      skipWhitespace();
      expect('=', "an attribute without '='");
      skipWhitespace();
      String value = attributeValue();
      declare(attribute, value);
    }
    for (int i = 0; i < attributes; i++) {
      checkPrefix(attributeNames[i]);
    }
    push(qname);
    int colon = qname.indexOf(':');
    String prefix = colon < 0 ? "" : qname.substring(0, colon);
    localName = qname.substring(colon + 1);
    namespace = resolve(prefix);
    work.add(pos - start);
    return Event.START;
  }

  private void declare(String attribute, String value) throws MarkupException {
    if (attribute.equals("xmlns")) {
      scopes.declare("", value);
    } else if (attribute.startsWith("xmlns:")) {
      String prefix = attribute.substring("xmlns:".length());
      if (value.isEmpty() || prefix.equals("xmlns") || prefix.equals("xml")) {
        throw error("a namespace declaration XML does not allow");
      }
      scopes.declare(prefix, value);
    }
  }

  private void checkPrefix(String attribute) throws MarkupException {
    int colon = attribute.indexOf(':');
    if (colon > 0 && !attribute.startsWith("xmlns:")) {
      resolve(attribute.substring(0, colon));
    }
  }

  private String resolve(String prefix) throws MarkupException {
    if (prefix.equals("xml")) {
      return XML_NAMESPACE;
    }
    String uri = scopes.uri(prefix);
    if (uri == null) {
      if (prefix.isEmpty()) {
        return "";
      }
      throw error("an undeclared namespace prefix");
    }
    return uri;
  }

  private Event endTag() throws MarkupException {
    int start = pos;
    pos += 2;
    String qname = name("an element name");
    skipWhitespace();
    expect('>', "an end tag without '>'");
    String expected = open[depth - 1];
    work.add(expected.length());
    if (!expected.equals(qname)) {
      throw error("an end tag that does not match its start tag");
    }
    closeElement();
    work.add(pos - start);
    return Event.END;
  }

  private void push(String qname) throws MarkupException {
    if (depth == limits.maxDepth()) {
      throw MarkupException.tooLarge("elements nested deeper than " + limits.maxDepth());
    }
    if (depth == open.length) {
      open = Arrays.copyOf(open, depth * 2);
    }
    open[depth++] = qname;
  }

  private void closeElement() {
    open[--depth] = null;
    scopes.leave();
  }

  private String name(String what) throws MarkupException {
    int start = pos;
    if (pos >= in.length || !isNameStart(in[pos])) {
      throw error(what + " XML does not allow");
    }
    pos++;
    while (pos < in.length && isNameChar(in[pos])) {
      pos++;
      if (pos - start > limits.maxNameLength()) {
        throw MarkupException.tooLarge(
            what + " longer than " + limits.maxNameLength() + " characters");
      }
    }
    return new String(in, start, pos - start);
  }

  private String attributeValue() throws MarkupException {
    if (pos >= in.length || (in[pos] != '"' && in[pos] != '\'')) {
      throw error("an attribute value without quotes");
    }
    char quote = in[pos++];
    StringBuilder value = new StringBuilder();
    while (true) {
      if (pos >= in.length) {
        throw error("the document ends inside an attribute value");
      }
      char c = in[pos];
      if (c == quote) {
        pos++;
        return value.toString();
      }
      if (c == '<') {
        throw error("'<' inside an attribute value");
      }
      if (c == '&') {
        reference(value);
      } else {
        pos++;
        // Attribute-value normalisation: each white-space character becomes a space.
        value.append(XmlChars.isWhitespace(c) ? ' ' : c);
        if (c == '\r' && pos < in.length && in[pos] == '\n') {
          pos++;
        }
      }
      if (value.length() > limits.maxAttributeLength()) {
        throw MarkupException.tooLarge(
            "an attribute value longer than " + limits.maxAttributeLength() + " characters");
      }
    }
  }

  // ---- content

  /** Character data up to the next '<', references replaced, line ends normalised. */
  private void charData() throws MarkupException {
    int start = pos;
    while (pos < in.length && in[pos] != '<') {
      char c = in[pos];
      if (c == '&') {
        reference(text);
      } else if (c == '\r') {
        text.append('\n');
        pos += pos + 1 < in.length && in[pos + 1] == '\n' ? 2 : 1;
      } else {
        text.append(c);
        pos++;
      }
    }
    work.add(pos - start);
  }

  private void cdata() throws MarkupException {
    int start = pos + "<![CDATA[".length();
    int end = indexOf("]]>", start);
    if (end < 0) {
      throw error("the document ends inside a CDATA section");
    }
    for (int i = start; i < end; i++) {
      char c = in[i];
      if (c == '\r') {
        text.append('\n');
        if (i + 1 < end && in[i + 1] == '\n') {
          i++;
        }
      } else {
        text.append(c);
      }
    }
    pos = end + 3;
  }

  private void comment() throws MarkupException {
    int end = indexOf("-->", pos + 4);
    if (end < 0) {
      throw error("the document ends inside a comment");
    }
    pos = end + 3;
  }

  private void processingInstruction() throws MarkupException {
    int end = indexOf("?>", pos + 2);
    if (end < 0) {
      throw error("the document ends inside a processing instruction");
    }
    pos = end + 2;
  }

  private Event textEvent() {
    currentText = text.toString();
    work.add(currentText.length());
    return Event.TEXT;
  }

  /**
   * A reference at '&': one of the five predefined entities or a character reference, appended to
   * {@code out}. A '&' that starts no reference is told apart, since peers send them.
   */
  private void reference(StringBuilder out) throws MarkupException {
    int start = pos;
    int end = referenceEnd(pos + 1);
    if (end < 0) {
      if (!bareAmpersands) {
        throw error("'&' that starts no reference");
      }
      out.append('&');
      pos++;
      work.add(1);
      return;
    }
    pos = end + 1;
    work.add(pos - start);
    if (in[start + 1] == '#') {
      out.appendCodePoint(characterReference(start + 2, end));
      return;
    }
    String entity = new String(in, start + 1, end - start - 1);
    out.append(
        switch (entity) {
          case "lt" -> '<';
          case "gt" -> '>';
          case "amp" -> '&';
          case "apos" -> '\'';
          case "quot" -> '"';
          default -> throw error("an undeclared entity (no DTD is read)");
        });
  }

  /**
   * Where the ';' of a reference starting at {@code i} (after the '&') is: {@code name;}, {@code
   * #digits;} or {@code #xhex;}, the name at most {@link TokenLimits#maxNameLength} long; -1 when
   * no reference starts there.
   */
  private int referenceEnd(int i) {
    int j = i;
    int max = i + limits.maxNameLength() + 2;
    if (j < in.length && in[j] == '#') {
      j++;
      boolean hex = j < in.length && in[j] == 'x';
      if (hex) {
        j++;
      }
      int digits = j;
      while (j < in.length && j < max && (isDigit(in[j]) || (hex && isHexLetter(in[j])))) {
        j++;
      }
      return j > digits && j < in.length && in[j] == ';' ? j : -1;
    }
    if (j >= in.length || !(isAsciiLetter(in[j]) || in[j] == '_')) {
      return -1;
    }
    while (j < in.length
        && j < max
        && (isAsciiLetter(in[j])
            || isDigit(in[j])
            || in[j] == '_'
            || in[j] == '-'
            || in[j] == '.')) {
      j++;
    }
    return j < in.length && in[j] == ';' ? j : -1;
  }

  private int characterReference(int from, int end) throws MarkupException {
    boolean hex = in[from] == 'x';
    long value = 0;
    for (int i = hex ? from + 1 : from; i < end; i++) {
      value = value * (hex ? 16 : 10) + Character.digit(in[i], hex ? 16 : 10);
      if (value > Character.MAX_CODE_POINT) {
        throw error("a character reference to no character");
      }
    }
    int cp = (int) value;
    boolean legal =
        cp == 0x9
            || cp == 0xA
            || cp == 0xD
            || (cp >= 0x20 && cp < 0xD800)
            || (cp > 0xDFFF && cp < 0xFFFE)
            || cp > 0xFFFF;
    if (!legal) {
      throw error("a character reference to a character XML does not allow");
    }
    return cp;
  }

  // ---- scanning

  private boolean skipWhitespace() {
    int start = pos;
    while (pos < in.length && XmlChars.isWhitespace(in[pos])) {
      pos++;
    }
    work.add(pos - start);
    return pos > start;
  }

  private void expect(char c, String otherwise) throws MarkupException {
    if (pos >= in.length || in[pos] != c) {
      throw error(otherwise);
    }
    pos++;
  }

  private boolean at(String s) {
    if (pos + s.length() > in.length) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (in[pos + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The first {@code s} at or after {@code from}; the scan is counted as work. */
  private int indexOf(String s, int from) {
    char first = s.charAt(0);
    for (int i = from; i + s.length() <= in.length; i++) {
      if (in[i] == first && regionMatches(i, s)) {
        work.add(i - from + s.length());
        return i;
      }
    }
    work.add(in.length - from);
    return -1;
  }

  private boolean regionMatches(int at, String s) {
    for (int k = 1; k < s.length(); k++) {
      if (in[at + k] != s.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** XML 1.0 name characters, with every character above ASCII allowed (as many parsers do). */
  private static boolean isNameStart(char c) {
    return isAsciiLetter(c) || c == '_' || c == ':' || c >= 0xC0;
  }

  private static boolean isNameChar(char c) {
    return isNameStart(c) || isDigit(c) || c == '-' || c == '.' || c == 0xB7;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHexLetter(char c) {
    return (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private MarkupException error(String message) {
    return MarkupException.malformed(message + position());
  }

  /** " at line L, column C": counted once, when the document is refused. */
  private String position() {
    int line = 1;
    int column = 1;
    for (int i = 0; i < Math.min(pos, in.length); i++) {
      if (in[i] == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    work.add(pos);
    return " at line " + line + ", column " + column;
  }

  // ---- encodings

  /**
   * The characters of a document that is printable ASCII, tab, CR and LF only (most are), read in
   * one pass that also finds its characters legal; null for any other document.
   */
  private static char[] plainAscii(byte[] document) {
    char[] chars = new char[document.length];
    for (int i = 0; i < document.length; i++) {
      int b = document[i];
      if (b < 0x20 || b == 0x7F) {
        if (b != '\t' && b != '\n' && b != '\r') {
          return null;
        }
      }
      chars[i] = (char) b;
    }
    return chars;
  }

  private static boolean asciiCompatible(String declared) {
    return declared == null
        || declared.equalsIgnoreCase("UTF-8")
        || declared.equalsIgnoreCase("US-ASCII")
        || declared.equalsIgnoreCase("ISO-8859-1");
  }

  /** Whether every character may appear in XML; the common range is checked first, inline. */
  private static boolean legal(char[] chars) {
    for (char c : chars) {
      if (c < 0x20 || c >= 0xD800) {
        return XmlChars.isLegal(CharBuffer.wrap(chars));
      }
    }
    return true;
  }

  /**
   * The document's characters: UTF-16 when it starts with that byte order mark, else the charset
   * its XML declaration names, else UTF-8. Malformed input is refused, never replaced.
   */
  private static char[] decode(byte[] document) throws MarkupException {
    Charset charset = charset(document);
    try {
      CharBuffer chars =
          charset
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(document));
      return Arrays.copyOf(chars.array(), chars.limit());
    } catch (CharacterCodingException e) {
      throw MarkupException.malformed("the document is not " + charset.name());
    }
  }

  private static Charset charset(byte[] d) throws MarkupException {
    if (d.length >= 2 && (d[0] & 0xFF) == 0xFE && (d[1] & 0xFF) == 0xFF) {
      return StandardCharsets.UTF_16;
    }
    if (d.length >= 2 && (d[0] & 0xFF) == 0xFF && (d[1] & 0xFF) == 0xFE) {
      return StandardCharsets.UTF_16;
    }
    String declared = declaredEncoding(d);
    if (declared == null) {
      return StandardCharsets.UTF_8;
    }
    try {
      if (Charset.isSupported(declared)) {
        Charset c = Charset.forName(declared);
        // A single-byte declaration cannot describe a document that is UTF-16 without a mark.
        if (!c.name().startsWith("UTF-16") && !c.name().startsWith("UTF-32")) {
          return c;
        }
      }
    } catch (IllegalCharsetNameException e) {
      // refused below
    }
    throw MarkupException.unsupported("an XML encoding the agent does not read");
  }

  /** The encoding named by an XML declaration at the very start, read as ASCII. */
  private static String declaredEncoding(byte[] d) {
    int start = d.length >= 3 && (d[0] & 0xFF) == 0xEF ? 3 : 0;
    if (!startsWith(d, start, "<?xml")) {
      return null;
    }
    int end = Math.min(d.length, start + 256);
    String head = new String(d, start, end - start, StandardCharsets.ISO_8859_1);
    int close = head.indexOf("?>");
    if (close < 0) {
      return null;
    }
    head = head.substring(0, close);
    int at = head.indexOf("encoding");
    if (at < 0) {
      return null;
    }
    int i = at + "encoding".length();
    while (i < head.length() && (head.charAt(i) == ' ' || head.charAt(i) == '=')) {
      i++;
    }
    if (i >= head.length() || (head.charAt(i) != '"' && head.charAt(i) != '\'')) {
      return null;
    }
    int valueEnd = head.indexOf(head.charAt(i), i + 1);
    return valueEnd < 0 ? null : head.substring(i + 1, valueEnd);
  }

  private static boolean startsWith(byte[] d, int at, String s) {
    if (at + s.length() > d.length) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (d[at + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
