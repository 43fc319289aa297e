package io.dmagent.codec.message;

import io.dmagent.api.message.MessageFormatException;
import io.dmagent.codec.description.DdfTag;
import io.dmagent.codec.markup.MarkupException;
import io.dmagent.codec.markup.TokenLimits;
import io.dmagent.codec.markup.WbxmlTokenizer;
import io.dmagent.codec.markup.WorkMeter;
import java.util.regex.Pattern;

/**
 * SyncML messages in WBXML, through our {@link WbxmlTokenizer} (bounded, linear work; the same
 * tokenizer reads DDF and TNDS documents): this class judges the header and names the tags.
 *
 * <p>Accepted: WBXML 1.0 to 1.3 (any 1.x); public id 0x1201 (SyncML 1.2), 0x0FD3 (SyncML 1.1, DM
 * 1.1), 0x0FD1 (SyncML 1.0) or 0x01 (unknown), or a string-table FPI naming any SyncML version
 * (AOSP writes it without the terminating NUL); charset UTF-8 only (415 otherwise); strings inline,
 * from the table or as character entities; OPAQUE. Refused (400): attributes, processing
 * instructions and extension tokens, none of which SyncML uses.
 */
final class WbxmlReader implements EventSource {
  static final int DDF_PAGE = DdfTag.CODE_PAGE;
  static final int UTF_8 = WbxmlTokenizer.UTF_8;

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

  private final MessageLimits limits;
  private final Kind kind;
  private final WbxmlTokenizer tokens;

  private Tag tag;
  private String name;
  private String text;

  WbxmlReader(byte[] in, MessageLimits limits) throws MessageFormatException {
    this(in, limits, Kind.SYNCML, new WorkMeter());
  }

  /**
   * A reader of {@code kind}. A DDF document must name its FPI in the string table; its tags are DM
   * DDF elements on page 2 and, since a standalone document need not switch pages, on page 0.
   */
  WbxmlReader(byte[] in, MessageLimits limits, Kind kind, WorkMeter work)
      throws MessageFormatException {
    this.limits = limits;
    this.kind = kind;
    try {
      WbxmlTokenizer.Prologue p = WbxmlTokenizer.prologue(in, "message");
      check(p);
      tokens = new WbxmlTokenizer(in, p, "message", TokenLimits.defaults(), work);
      checkPublicId(p);
    } catch (MarkupException e) {
      throw Refusal.of(e);
    }
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
      new WbxmlReader(data, MessageLimits.defaults(), Kind.DDF, new WorkMeter());
      return true;
    } catch (MessageFormatException e) {
      return false;
    }
  }

  private static void check(WbxmlTokenizer.Prologue p) throws MessageFormatException {
    int version = p.version();
    if ((version & 0xF0) != 0) {
      throw Refusal.malformed(
          "WBXML version " + ((version >> 4) + 1) + "." + (version & 0x0F) + " is not 1.x");
    }
    if (p.charset() != UTF_8) {
      throw Refusal.unsupported("WBXML charset " + p.charset() + " (only UTF-8, 106)");
    }
  }

  private void checkPublicId(WbxmlTokenizer.Prologue p)
      throws MessageFormatException, MarkupException {
    int publicId = p.publicId();
    if (kind == Kind.DDF) {
      if (publicId != 0 || !tokens.tableString(p.fpiIndex()).equalsIgnoreCase(DDF_FPI)) {
        throw Refusal.unsupported("WBXML document is no DM DDF document");
      }
    } else if (publicId == 0) {
      if (!SYNCML_FPI.matcher(tokens.tableString(p.fpiIndex())).matches()) {
        throw Refusal.unsupported("WBXML public identifier is no SyncML FPI");
      }
    } else if (publicId != 0x1201 && publicId != 0x0FD3 && publicId != 0x0FD1 && publicId != 1) {
      throw Refusal.unsupported(
          "WBXML public id 0x" + Integer.toHexString(publicId) + " is not SyncML");
    }
  }

  @Override
  public Event next() throws MessageFormatException {
    try {
      return switch (tokens.next()) {
        case START -> start();
        case END -> Event.END;
        case TEXT -> {
          text = tokens.text();
          yield Event.TEXT;
        }
        case OPAQUE -> {
          if (tokens.opaqueLength() > limits.maxOpaqueLength()) {
            throw Refusal.tooLarge(
                "OPAQUE of "
                    + tokens.opaqueLength()
                    + " bytes exceeds "
                    + limits.maxOpaqueLength());
          }
          yield Event.OPAQUE;
        }
        case END_OF_DOCUMENT -> Event.END_OF_DOCUMENT;
      };
    } catch (MarkupException e) {
      throw Refusal.of(e);
    }
  }

  private Event start() {
    String literal = tokens.literalName();
    int page = tokens.tagPage();
    int id = tokens.tagId();
    if (literal != null) {
      tag = null;
      name = literal.substring(literal.indexOf(':') + 1);
    } else if (kind == Kind.DDF) {
      tag = null;
      name = page == DDF_PAGE || page == Tag.SYNCML_PAGE ? DDF_NAMES[id] : null;
    } else {
      tag = Tag.of(page, id);
      name = tag != null ? tag.element() : page == DDF_PAGE ? DDF_NAMES[id] : null;
    }
    return Event.START;
  }

  @Override
  public Tag tag() {
    return tag;
  }

  @Override
  public boolean foreign() {
    return tokens.literalName() != null || kind == Kind.DDF || tokens.tagPage() > Tag.METINF_PAGE;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String namespace() {
    return tokens.literalName() != null
        ? ""
        : kind == Kind.DDF ? Namespaces.DDF : Namespaces.ofPage(tokens.tagPage());
  }

  @Override
  public String text() {
    return text;
  }

  @Override
  public byte[] opaque() {
    return tokens.opaque();
  }

  @Override
  public int opaqueLength() {
    return tokens.opaqueLength();
  }

  @Override
  public String describe() {
    return name != null
        ? "<" + name + ">"
        : "WBXML token 0x" + Integer.toHexString(tokens.tagId()) + " on page " + tokens.tagPage();
  }

  private static String[] ddfNames() {
    String[] names = new String[0x40];
    for (DdfTag t : DdfTag.values()) {
      names[t.token()] = t.element();
    }
    return names;
  }
}
