package io.dmagent.codec.description;

import io.dmagent.api.tree.DmException;
import io.dmagent.codec.markup.MarkupException;
import io.dmagent.codec.markup.TokenLimits;
import io.dmagent.codec.markup.WbxmlTokenizer;
import io.dmagent.codec.markup.WorkMeter;

/**
 * WBXML through our {@link WbxmlTokenizer}, the one DM messages are read with, and our DM DDF
 * table. DDF tokens are read on page 2, where DM messages and libwbxml put them, and on page 0, so
 * that a standalone document that never switches pages reads too; a token on another page, or one
 * the table does not define, is malformed.
 *
 * <p>The header: WBXML 1.1 to 1.3; charset UTF-8 or ISO-8859-1 (415 otherwise); any public id (DM
 * peers differ and one AOSP vector even carries a SyncML id: the root element decides what the
 * document is), a string-table public id inside the table.
 */
final class WbxmlMarkup implements Markup {
  private static final String[] DDF_NAMES = ddfNames();

  private final WbxmlTokenizer tokens;
  private String name;

  WbxmlMarkup(byte[] document, WorkMeter work) throws DmException {
    try {
      WbxmlTokenizer.Prologue p = WbxmlTokenizer.prologue(document, "document");
      check(p);
      tokens = new WbxmlTokenizer(document, p, "document", TokenLimits.defaults(), work);
    } catch (MarkupException e) {
      throw Refusals.of("malformed WBXML header", e);
    }
  }

  private static void check(WbxmlTokenizer.Prologue p) throws DmException {
    if (p.version() < 0x01 || p.version() > 0x03) {
      throw Refusals.malformed("WBXML version " + p.version() + " is not 1.1 to 1.3");
    }
    if (p.charset() != WbxmlTokenizer.UTF_8 && p.charset() != WbxmlTokenizer.ISO_8859_1) {
      throw Refusals.unsupported("WBXML charset " + p.charset() + " (only UTF-8 and ISO-8859-1)");
    }
    if (p.fpiIndex() >= p.tableLength()) {
      throw Refusals.malformed("WBXML public id outside the string table");
    }
  }

  @Override
  public Event next() throws DmException {
    try {
      return switch (tokens.next()) {
        case START -> start();
        case END -> Event.END;
        case TEXT -> Event.TEXT;
        case OPAQUE -> Event.OPAQUE;
        case END_OF_DOCUMENT -> Event.END_OF_DOCUMENT;
      };
    } catch (MarkupException e) {
      throw Refusals.of("malformed WBXML", e);
    }
  }

  private Event start() throws DmException {
    String literal = tokens.literalName();
    int page = tokens.tagPage();
    if (literal != null) {
      // Literal tags may carry a prefix, as in MSFT:AllowedValues: the local part.
      name = literal.substring(literal.indexOf(':') + 1);
    } else if (page == 0 || page == DdfTag.CODE_PAGE) {
      name = DDF_NAMES[tokens.tagId()];
    } else {
      name = null;
    }
    if (name == null) {
      throw Refusals.malformed(
          "undefined WBXML tag 0x" + Integer.toHexString(tokens.tagId()) + " on page " + page);
    }
    return Event.START;
  }

  /** Literal tags may carry a prefix, as in {@code MSFT:AllowedValues}: the local part. */
  @Override
  public String name() {
    return name;
  }

  /**
   * WBXML has no namespaces: an element outside the DDF code page can only be a literal tag, and
   * converters such as libwbxml write {@code MSFT:AllowedValues} as the literal {@code
   * AllowedValues}. So every name that is no DDF element, and every prefixed name, is foreign. An
   * undefined token is still an error.
   */
  @Override
  public boolean foreign() {
    String literal = tokens.literalName();
    return (literal != null && literal.indexOf(':') >= 0) || DdfTag.of(name).isEmpty();
  }

  @Override
  public String text() {
    return tokens.text();
  }

  @Override
  public byte[] opaque() {
    return tokens.opaque();
  }

  private static String[] ddfNames() {
    String[] names = new String[0x40];
    for (DdfTag t : DdfTag.values()) {
      names[t.token()] = t.element();
    }
    return names;
  }
}
