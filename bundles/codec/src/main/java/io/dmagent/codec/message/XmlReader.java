package io.dmagent.codec.message;

import io.dmagent.api.message.MessageFormatException;
import io.dmagent.codec.markup.MarkupException;
import io.dmagent.codec.markup.TokenLimits;
import io.dmagent.codec.markup.WorkMeter;
import io.dmagent.codec.markup.XmlTokenizer;

/**
 * SyncML messages in XML, through our {@link XmlTokenizer} (bounded, linear work; the same
 * tokenizer reads DDF and TNDS documents): a DOCTYPE with an internal subset is 400; one that only
 * names the SyncML DTD, as libwbxml's samples and old servers write, is passed over and its DTD
 * never read. Characters XML does not allow, raw or as references, are 400.
 */
final class XmlReader implements EventSource {
  private final XmlTokenizer tokens;
  private Tag tag;
  private boolean foreign;

  XmlReader(byte[] message, WorkMeter work) throws MessageFormatException {
    try {
      tokens = new XmlTokenizer(message, TokenLimits.defaults(), work);
    } catch (MarkupException e) {
      throw refusal(e);
    }
  }

  @Override
  public Event next() throws MessageFormatException {
    try {
      return switch (tokens.next()) {
        case START -> {
          String ns = tokens.namespace();
          foreign = !(Namespaces.isSyncMl(ns) || Namespaces.isMetInf(ns));
          tag = foreign ? null : Tag.of(tokens.localName());
          yield Event.START;
        }
        case END -> Event.END;
        case TEXT -> Event.TEXT;
        case END_OF_DOCUMENT -> Event.END_OF_DOCUMENT;
      };
    } catch (MarkupException e) {
      throw refusal(e);
    }
  }

  private static MessageFormatException refusal(MarkupException e) {
    return e.kind() == MarkupException.Kind.BARE_AMPERSAND
        ? new BareAmpersand(e.getMessage())
        : Refusal.of(e);
  }

  /** A {@code &} that starts no reference: see {@link BareAmpersands}. */
  static final class BareAmpersand extends MessageFormatException {
    private static final long serialVersionUID = 1L;

    BareAmpersand(String message) {
      super(Refusal.BAD_REQUEST, message);
    }
  }

  @Override
  public boolean carriesForeignMarkup() {
    return true;
  }

  @Override
  public Tag tag() {
    return tag;
  }

  @Override
  public boolean foreign() {
    return foreign;
  }

  @Override
  public String name() {
    return tokens.localName();
  }

  @Override
  public String namespace() {
    return tokens.namespace();
  }

  @Override
  public String text() {
    return tokens.text();
  }

  @Override
  public byte[] opaque() {
    throw new IllegalStateException("XML has no opaque data");
  }

  @Override
  public int opaqueLength() {
    throw new IllegalStateException("XML has no opaque data");
  }
}
