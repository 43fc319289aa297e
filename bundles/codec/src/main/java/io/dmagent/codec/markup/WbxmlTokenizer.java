package io.dmagent.codec.markup;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Our WBXML tokenizer over the bytes in memory, for every WBXML the agent reads: DM messages and
 * DDF/TNDS documents. Written instead of kxml2's {@code WbxmlParser}, which allocates a string
 * table and an OPAQUE block at whatever size the input declares, checks attributes for duplicates
 * in quadratic time and throws unchecked exceptions on broken input. Here every length is checked
 * against the bytes that are left before anything is allocated, every failure is a {@link
 * MarkupException}, no stack is kept (a depth counter only), and the work is linear in the
 * document's size: each byte is read once, each table string decoded once, and the text that table
 * references produce is bounded by {@link TokenLimits#expansionFactor()}.
 *
 * <p>Tokens: SWITCH_PAGE, END, ENTITY, STR_I, STR_T, OPAQUE, LITERAL and tags with or without
 * content. Refused (malformed): attributes, processing instructions and extension tokens, which
 * neither SyncML nor DM DDF uses. What tags mean is up to the reader: this gives page and token.
 */
public final class WbxmlTokenizer {
  /** Events: an element without the content bit still gives START then END. */
  public enum Event {
    START,
    END,
    TEXT,
    OPAQUE,
    END_OF_DOCUMENT
  }

  /** The fields of a WBXML header, read without judging them; see {@link #prologue}. */
  public record Prologue(
      int version, int publicId, int fpiIndex, int charset, int tableLength, int bodyStart) {}

  /** IANA MIBenum of UTF-8 and of ISO-8859-1, the charsets strings are decoded in. */
  public static final int UTF_8 = 106;

  public static final int ISO_8859_1 = 4;

  private static final int SWITCH_PAGE = 0x00;
  private static final int END = 0x01;
  private static final int ENTITY = 0x02;
  private static final int STR_I = 0x03;
  private static final int LITERAL = 0x04;
  private static final int PI = 0x43;
  private static final int STR_T = 0x83;
  private static final int OPAQUE = 0xC3;
  private static final int CONTENT = 0x40;
  private static final int ATTRIBUTES = 0x80;

  private final byte[] in;
  private final String noun;
  private final Charset charset;
  private final TokenLimits limits;
  private final WorkMeter work;
  private final int tableStart;
  private final int tableLength;
  private final Map<Integer, String> tableStrings = new HashMap<>();
  private final long maxExpansion;
  private long expansion;
  private int pos;
  private int page;
  private int depth;
  private boolean pendingEnd;
  private boolean rootSeen;

  private int tagPage;
  private int tagId;
  private String literalName;
  private String text;
  private int opaqueStart;
  private int opaqueLength;

  /**
   * Reads the header of {@code in} up to the body: version, public id (and its string table index
   * when it is 0), charset (absent in WBXML 1.0, version byte 0, where it is UTF-8), string table.
   * Refuses only what cannot be read: a truncated header, an over-long integer, a table longer than
   * the document. Whether the fields are acceptable is the reader's call.
   *
   * @param noun what the reader calls the input in refusals ("message", "document")
   */
  public static Prologue prologue(byte[] in, String noun) throws MarkupException {
    Header h = new Header(in, noun);
    int version = h.u8();
    int publicId = h.mbUint();
    int fpiIndex = publicId == 0 ? h.mbUint() : -1;
    int charset = version == 0 ? UTF_8 : h.mbUint();
    int tableLength = h.mbUint();
    if (tableLength > in.length - h.pos) {
      throw MarkupException.malformed("WBXML string table longer than the " + noun);
    }
    return new Prologue(version, publicId, fpiIndex, charset, tableLength, h.pos + tableLength);
  }

  /**
   * A tokenizer of the body after {@code prologue}, with strings in its charset, which must be
   * {@link #UTF_8} or {@link #ISO_8859_1}.
   */
  public WbxmlTokenizer(
      byte[] in, Prologue prologue, String noun, TokenLimits limits, WorkMeter work) {
    this.in = in;
    this.noun = noun;
    this.limits = limits;
    this.work = work;
    this.charset =
        prologue.charset() == ISO_8859_1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
    this.tableLength = prologue.tableLength();
    this.tableStart = prologue.bodyStart() - tableLength;
    this.pos = prologue.bodyStart();
    this.maxExpansion =
        (long) in.length * limits.expansionFactor() + TokenLimits.EXPANSION_ALLOWANCE;
    work.add(pos);
  }

  /** The next event. */
  public Event next() throws MarkupException {
    if (pendingEnd) {
      pendingEnd = false;
      depth--;
      return Event.END;
    }
    while (true) {
      if (pos >= in.length) {
        if (depth > 0) {
          throw MarkupException.malformed("the " + noun + " ends inside an element");
        }
        if (!rootSeen) {
          throw MarkupException.malformed("the " + noun + " has no root element");
        }
        return Event.END_OF_DOCUMENT;
      }
      int token = in[pos++] & 0xFF;
      work.add(1);
      switch (token) {
        case SWITCH_PAGE -> page = u8("a page switch");
        case END -> {
          if (depth == 0) {
            throw MarkupException.malformed("WBXML END without an open element");
          }
          depth--;
          return Event.END;
        }
        case ENTITY -> {
          return text(entity());
        }
        case STR_I -> {
          return text(inlineString());
        }
        case STR_T -> {
          return text(referencedString(mbUint("a string reference")));
        }
        case OPAQUE -> {
          return opaqueEvent();
        }
        case LITERAL, LITERAL | CONTENT -> {
          return start(token, literal(mbUint("a literal tag")));
        }
        default -> {
          if ((token & 0x3F) < 5 || (token & ATTRIBUTES) != 0) {
            throw MarkupException.malformed(refusedToken(token));
          }
          return start(token, null);
        }
      }
    }
  }

  /** At START: the code page the tag is on. */
  public int tagPage() {
    return tagPage;
  }

  /** At START: the tag's token on its page, without the content and attribute bits. */
  public int tagId() {
    return tagId;
  }

  /** At START: the name of a LITERAL tag as written (with any prefix); null for a token. */
  public String literalName() {
    return literalName;
  }

  /** At TEXT: the characters. */
  public String text() {
    return text;
  }

  /** At OPAQUE: the bytes. */
  public byte[] opaque() {
    work.add(opaqueLength);
    return Arrays.copyOfRange(in, opaqueStart, opaqueStart + opaqueLength);
  }

  /** At OPAQUE: how many bytes, without copying them. */
  public int opaqueLength() {
    return opaqueLength;
  }

  /**
   * The string at {@code index} of the table, up to its NUL or the table's end (AOSP writes its FPI
   * without the NUL). Each index is decoded once; later references reuse it.
   */
  public String tableString(int index) throws MarkupException {
    if (index < 0 || index >= tableLength) {
      throw MarkupException.malformed("WBXML string reference outside the string table");
    }
    String s = tableStrings.get(index);
    if (s == null) {
      int start = tableStart + index;
      int tableEnd = tableStart + tableLength;
      int end = nul(start, tableEnd);
      s = decode(start, (end < 0 ? tableEnd : end) - start);
      tableStrings.put(index, s);
    }
    return s;
  }

  private static String refusedToken(int token) {
    if (token == PI) {
      return "WBXML processing instruction (SyncML and DM DDF have none)";
    }
    if ((token & 0x3F) != LITERAL && (token & 0x3F) < 5) {
      return "WBXML extension token 0x"
          + Integer.toHexString(token)
          + " (SyncML and DM DDF use none)";
    }
    return "WBXML attributes (SyncML and DM DDF have none)";
  }

  private String literal(int index) throws MarkupException {
    String name = tableString(index);
    if (name.length() > limits.maxNameLength()) {
      throw MarkupException.tooLarge(
          "a literal tag name longer than " + limits.maxNameLength() + " characters");
    }
    return name;
  }

  private Event start(int token, String literal) throws MarkupException {
    if (rootSeen && depth == 0) {
      throw MarkupException.malformed("content after the root element");
    }
    if (depth == limits.maxDepth()) {
      throw MarkupException.tooLarge("elements nested deeper than " + limits.maxDepth());
    }
    rootSeen = true;
    depth++;
    pendingEnd = (token & CONTENT) == 0;
    literalName = literal;
    tagPage = page;
    tagId = token & 0x3F;
    return Event.START;
  }

  private Event text(String value) throws MarkupException {
    if (depth == 0) {
      throw MarkupException.malformed("content outside the root element");
    }
    text = value;
    return Event.TEXT;
  }

  private Event opaqueEvent() throws MarkupException {
    if (depth == 0) {
      throw MarkupException.malformed("content outside the root element");
    }
    long length = mbUint("an OPAQUE length");
    if (length > in.length - pos) {
      throw MarkupException.malformed("OPAQUE of " + length + " bytes overruns the " + noun);
    }
    opaqueStart = pos;
    opaqueLength = (int) length;
    pos += opaqueLength;
    work.add(opaqueLength);
    return Event.OPAQUE;
  }

  private String entity() throws MarkupException {
    int codePoint = mbUint("an entity");
    if (codePoint == 0
        || !Character.isValidCodePoint(codePoint)
        || (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE)) {
      throw MarkupException.malformed("WBXML entity is no character");
    }
    return new String(Character.toChars(codePoint));
  }

  private String inlineString() throws MarkupException {
    int end = nul(pos, in.length);
    if (end < 0) {
      throw MarkupException.malformed("the " + noun + " ends inside an inline string");
    }
    String s = decode(pos, end - pos);
    pos = end + 1;
    return s;
  }

  /** A table string as text: what references produce in all is bounded, as it is not input. */
  private String referencedString(int index) throws MarkupException {
    String s = tableString(index);
    expansion += s.length();
    if (expansion > maxExpansion) {
      throw MarkupException.tooLarge(
          "WBXML string references produce more than "
              + limits.expansionFactor()
              + " characters per byte of the "
              + noun);
    }
    work.add(s.length());
    return s;
  }

  private int nul(int from, int to) {
    for (int i = from; i < to; i++) {
      if (in[i] == 0) {
        work.add(i - from + 1);
        return i;
      }
    }
    work.add(to - from);
    return -1;
  }

  /** Strict decoding: a malformed sequence is refused, never replaced. ASCII takes a fast path. */
  private String decode(int start, int length) throws MarkupException {
    work.add(length);
    boolean ascii = true;
    for (int i = start; i < start + length && ascii; i++) {
      ascii = in[i] >= 0;
    }
    if (ascii || charset == StandardCharsets.ISO_8859_1) {
      return new String(in, start, length, StandardCharsets.ISO_8859_1);
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(in, start, length))
          .toString();
    } catch (CharacterCodingException e) {
      throw MarkupException.malformed("a WBXML string is not UTF-8");
    }
  }

  private int u8(String where) throws MarkupException {
    if (pos >= in.length) {
      throw MarkupException.malformed("the " + noun + " ends inside " + where);
    }
    work.add(1);
    return in[pos++] & 0xFF;
  }

  /** A WBXML mb_u_int32: at most 5 bytes, 7 bits each, most significant first. */
  private int mbUint(String where) throws MarkupException {
    long value = 0;
    for (int i = 0; i < 5; i++) {
      int b = u8(where);
      value = (value << 7) | (b & 0x7F);
      if ((b & 0x80) == 0) {
        if (value > Integer.MAX_VALUE) {
          throw MarkupException.malformed("WBXML integer out of range in " + where);
        }
        return (int) value;
      }
    }
    throw MarkupException.malformed("WBXML integer longer than 5 bytes in " + where);
  }

  /** A bounds-checked cursor over the header bytes. */
  private static final class Header {
    private final byte[] in;
    private final String noun;
    private int pos;

    Header(byte[] in, String noun) {
      this.in = in;
      this.noun = noun;
    }

    int u8() throws MarkupException {
      if (pos >= in.length) {
        throw MarkupException.malformed("the " + noun + " ends inside its WBXML header");
      }
      return in[pos++] & 0xFF;
    }

    int mbUint() throws MarkupException {
      long value = 0;
      for (int i = 0; i < 5; i++) {
        int b = u8();
        value = (value << 7) | (b & 0x7F);
        if ((b & 0x80) == 0) {
          if (value > Integer.MAX_VALUE) {
            throw MarkupException.malformed("WBXML integer out of range in the header");
          }
          return (int) value;
        }
      }
      throw MarkupException.malformed("WBXML integer longer than 5 bytes in the header");
    }
  }
}
