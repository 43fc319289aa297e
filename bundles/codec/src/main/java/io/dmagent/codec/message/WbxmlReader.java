package io.dmagent.codec.message;

import io.dmagent.api.message.MessageFormatException;
import io.dmagent.codec.description.DdfTag;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Our own WBXML reader for SyncML messages, over the bytes in memory. Written instead of using
 * kxml2's {@code WbxmlParser} because that parser allocates a string table and an OPAQUE block at
 * whatever size the input declares, loops on a short read, answers {@code isWhitespace()} true for
 * real text and throws unchecked exceptions on broken input; here every length is checked against
 * the bytes that are left before anything is allocated, and every failure is a {@link
 * MessageFormatException}. It keeps no stack (a depth counter only), so no nesting overflows it.
 *
 * <p>Accepted: WBXML 1.0 to 1.3 (any 1.x); public id 0x1201 (SyncML 1.2), 0x0FD3 (SyncML 1.1, DM
 * 1.1), 0x0FD1 (SyncML 1.0) or 0x01 (unknown), or a string-table FPI naming any SyncML version
 * (AOSP writes it without the terminating NUL); charset UTF-8 only (415 otherwise); strings inline,
 * from the table or as character entities; OPAQUE. Refused (400): attributes, processing
 * instructions and extension tokens, none of which SyncML uses.
 */
final class WbxmlReader implements EventSource {
  static final int DDF_PAGE = DdfTag.CODE_PAGE;
  static final int UTF_8 = 106;

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

  private static final Pattern SYNCML_FPI =
      Pattern.compile("-//SYNCML//DTD SyncML 1\\.[0-2]//EN", Pattern.CASE_INSENSITIVE);

  /** The FPI of a DM DDF (TNDS) document, which has no numeric public id. */
  static final String DDF_FPI = "-//OMA//DTD-DM-DDF 1.2//EN";

  /** What a document holds: a SyncML message, or a DM DDF document embedded in one's Data. */
  enum Kind {
    SYNCML,
    DDF
  }

  private static final String[] DDF_NAMES = ddfNames();

  private final byte[] in;
  private final MessageLimits limits;
  private final Kind kind;
  private int pos;
  private int tableStart;
  private int tableLength;
  private int page;
  private int depth;
  private boolean pendingEnd;
  private boolean rootSeen;

  private Tag tag;
  private String name;
  private int tagPage;
  private int tagId;
  private boolean literal;
  private String text;
  private int opaqueStart;
  private int opaqueLength;

  WbxmlReader(byte[] in, MessageLimits limits) throws MessageFormatException {
    this(in, limits, Kind.SYNCML);
  }

  /**
   * A reader of {@code kind}. A DDF document must name its FPI in the string table; its tags are DM
   * DDF elements on page 2 and, since a standalone document need not switch pages, on page 0.
   */
  WbxmlReader(byte[] in, MessageLimits limits, Kind kind) throws MessageFormatException {
    this.in = in;
    this.limits = limits;
    this.kind = kind;
    header();
  }

  /**
   * Whether {@code data} starts as a DM DDF document does: WBXML 1.x, public id in the string
   * table, UTF-8, the table holding the DDF FPI there. How libwbxml (and AOSP) embed a TNDS
   * document in a WBXML message's Data.
   */
  static boolean isDdfDocument(byte[] data) {
    // A cheap look first: most opaque data is a value, and refusing it by exception costs.
    if (data.length < 5 || data[0] < 0x01 || data[0] > 0x03 || data[1] != 0) {
      return false;
    }
    try {
      new WbxmlReader(data, MessageLimits.defaults(), Kind.DDF);
      return true;
    } catch (MessageFormatException e) {
      return false;
    }
  }

  private void header() throws MessageFormatException {
    int version = u8("header");
    if ((version & 0xF0) != 0) {
      throw Refusal.malformed(
          "WBXML version " + ((version >> 4) + 1) + "." + (version & 0x0F) + " is not 1.x");
    }
    int publicId = mbUint("header");
    int fpiIndex = publicId == 0 ? mbUint("header") : -1;
    int charset = version == 0 ? UTF_8 : mbUint("header"); // WBXML 1.0 has no charset field
    if (charset != UTF_8) {
      throw Refusal.unsupported("WBXML charset " + charset + " (only UTF-8, 106)");
    }
    tableLength = mbUint("header");
    if (tableLength > in.length - pos) {
      throw Refusal.malformed("WBXML string table longer than the message");
    }
    tableStart = pos;
    pos += tableLength;
    if (kind == Kind.DDF) {
      if (publicId != 0 || !tableString(fpiIndex).equalsIgnoreCase(DDF_FPI)) {
        throw Refusal.unsupported("WBXML document is no DM DDF document");
      }
    } else if (publicId == 0) {
      if (!SYNCML_FPI.matcher(tableString(fpiIndex)).matches()) {
        throw Refusal.unsupported("WBXML public identifier is no SyncML FPI");
      }
    } else if (publicId != 0x1201 && publicId != 0x0FD3 && publicId != 0x0FD1 && publicId != 1) {
      throw Refusal.unsupported(
          "WBXML public id 0x" + Integer.toHexString(publicId) + " is not SyncML");
    }
  }

  @Override
  public Event next() throws MessageFormatException {
    if (pendingEnd) {
      pendingEnd = false;
      depth--;
      return Event.END;
    }
    while (true) {
      if (pos >= in.length) {
        if (depth > 0) {
          throw Refusal.malformed("the message ends inside an element");
        }
        if (!rootSeen) {
          throw Refusal.malformed("the message has no root element");
        }
        return Event.END_OF_DOCUMENT;
      }
      int token = in[pos++] & 0xFF;
      switch (token) {
        case SWITCH_PAGE -> page = u8("a page switch");
        case END -> {
          if (depth == 0) {
            throw Refusal.malformed("WBXML END without an open element");
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
          return text(tableString(mbUint("a string reference")));
        }
        case OPAQUE -> {
          return opaqueEvent();
        }
        case LITERAL, LITERAL | CONTENT -> {
          return start(token, tableString(mbUint("a literal tag")));
        }
        default -> {
          if ((token & 0x3F) < 5 || (token & ATTRIBUTES) != 0) {
            throw Refusal.malformed(refusedToken(token));
          }
          return start(token, null);
        }
      }
    }
  }

  private static String refusedToken(int token) {
    if (token == PI) {
      return "WBXML processing instruction (SyncML has none)";
    }
    if ((token & 0x3F) != LITERAL && (token & 0x3F) < 5) {
      return "WBXML extension token 0x" + Integer.toHexString(token) + " (SyncML uses none)";
    }
    return "WBXML attributes (SyncML has none)";
  }

  private Event start(int token, String literalName) throws MessageFormatException {
    if (rootSeen && depth == 0) {
      throw Refusal.malformed("content after the root element");
    }
    rootSeen = true;
    depth++;
    pendingEnd = (token & CONTENT) == 0;
    literal = literalName != null;
    tagPage = page;
    int id = token & 0x3F;
    tagId = id;
    if (literal) {
      tag = null;
      name = literalName.substring(literalName.indexOf(':') + 1);
    } else if (kind == Kind.DDF) {
      tag = null;
      name = page == DDF_PAGE || page == Tag.SYNCML_PAGE ? DDF_NAMES[id] : null;
    } else {
      tag = Tag.of(page, id);
      name = tag != null ? tag.element() : page == DDF_PAGE ? DDF_NAMES[id] : null;
    }
    return Event.START;
  }

  private Event text(String value) throws MessageFormatException {
    requireInsideRoot();
    text = value;
    return Event.TEXT;
  }

  private Event opaqueEvent() throws MessageFormatException {
    requireInsideRoot();
    long length = mbUint("an OPAQUE length");
    if (length > in.length - pos) {
      throw Refusal.malformed("OPAQUE of " + length + " bytes overruns the message");
    }
    if (length > limits.maxOpaqueLength()) {
      throw Refusal.tooLarge("OPAQUE of " + length + " bytes exceeds " + limits.maxOpaqueLength());
    }
    opaqueStart = pos;
    opaqueLength = (int) length;
    pos += opaqueLength;
    return Event.OPAQUE;
  }

  private void requireInsideRoot() throws MessageFormatException {
    if (depth == 0) {
      throw Refusal.malformed("content outside the root element");
    }
  }

  private String entity() throws MessageFormatException {
    int codePoint = mbUint("an entity");
    if (codePoint == 0
        || !Character.isValidCodePoint(codePoint)
        || (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE)) {
      throw Refusal.malformed("WBXML entity is no character");
    }
    return new String(Character.toChars(codePoint));
  }

  private String inlineString() throws MessageFormatException {
    int end = nul(pos, in.length);
    if (end < 0) {
      throw Refusal.malformed("the message ends inside an inline string");
    }
    String s = utf8(pos, end - pos);
    pos = end + 1;
    return s;
  }

  /** The string at {@code index} of the table, up to its NUL or the table's end. */
  private String tableString(int index) throws MessageFormatException {
    if (index < 0 || index >= tableLength) {
      throw Refusal.malformed("WBXML string reference outside the string table");
    }
    int start = tableStart + index;
    int tableEnd = tableStart + tableLength;
    int end = nul(start, tableEnd);
    return utf8(start, (end < 0 ? tableEnd : end) - start);
  }

  private int nul(int from, int to) {
    for (int i = from; i < to; i++) {
      if (in[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  /** Strict UTF-8: a malformed sequence is refused, never replaced. ASCII takes a fast path. */
  private String utf8(int start, int length) throws MessageFormatException {
    boolean ascii = true;
    for (int i = start; i < start + length && ascii; i++) {
      ascii = in[i] >= 0;
    }
    if (ascii) {
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
      throw Refusal.malformed("a WBXML string is not UTF-8");
    }
  }

  private int u8(String where) throws MessageFormatException {
    if (pos >= in.length) {
      throw Refusal.malformed("the message ends inside " + where);
    }
    return in[pos++] & 0xFF;
  }

  /** A WBXML mb_u_int32: at most 5 bytes, 7 bits each, most significant first. */
  private int mbUint(String where) throws MessageFormatException {
    long value = 0;
    for (int i = 0; i < 5; i++) {
      int b = u8(where);
      value = (value << 7) | (b & 0x7F);
      if ((b & 0x80) == 0) {
        if (value > Integer.MAX_VALUE) {
          throw Refusal.malformed("WBXML integer out of range in " + where);
        }
        return (int) value;
      }
    }
    throw Refusal.malformed("WBXML integer longer than 5 bytes in " + where);
  }

  @Override
  public Tag tag() {
    return tag;
  }

  @Override
  public boolean foreign() {
    return literal || kind == Kind.DDF || tagPage > Tag.METINF_PAGE;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String namespace() {
    return literal ? "" : kind == Kind.DDF ? Namespaces.DDF : Namespaces.ofPage(tagPage);
  }

  @Override
  public String text() {
    return text;
  }

  @Override
  public byte[] opaque() {
    return Arrays.copyOfRange(in, opaqueStart, opaqueStart + opaqueLength);
  }

  @Override
  public int opaqueLength() {
    return opaqueLength;
  }

  @Override
  public String describe() {
    return name != null
        ? "<" + name + ">"
        : "WBXML token 0x" + Integer.toHexString(tagId) + " on page " + tagPage;
  }

  private static String[] ddfNames() {
    String[] names = new String[0x40];
    for (DdfTag t : DdfTag.values()) {
      names[t.token()] = t.element();
    }
    return names;
  }
}
