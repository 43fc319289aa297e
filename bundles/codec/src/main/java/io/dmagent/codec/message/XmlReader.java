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
 *
 * <p>A {@code &} that starts no reference is taken as the character: AOSP's own UI alert packages
 * write option strings such as {@code MAXDT=15&DR=1} unescaped, and its parser takes them. An
 * undeclared entity ({@code &name;}) is still refused. DDF and TNDS documents are read strictly.
 */
final class XmlReader implements EventSource {
  private final XmlTokenizer tokens;
  private Tag tag;
  private boolean foreign;

  XmlReader(byte[] message, WorkMeter work) throws MessageFormatException {
    try {
      tokens = new XmlTokenizer(message, TokenLimits.defaults(), true, work);
    } catch (MarkupException e) {
      throw Refusal.of(e);
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
      throw Refusal.of(e);
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
