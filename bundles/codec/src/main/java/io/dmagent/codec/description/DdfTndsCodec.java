package io.dmagent.codec.description;

import io.dmagent.api.description.DescriptionCodec;
import io.dmagent.api.description.Encoding;
import io.dmagent.api.description.MgmtTreeDescription;
import io.dmagent.api.description.NodeDescription;
import io.dmagent.api.description.TndsNode;
import io.dmagent.api.description.TndsTree;
import io.dmagent.api.tree.DmException;
import io.dmagent.codec.markup.WorkMeter;
import java.util.Objects;
import org.osgi.service.component.annotations.Component;

/**
 * DDF and TNDS documents in XML and WBXML (DM DDF code page 2). Stateless and thread-safe; every
 * call uses its own parser. Tests of other bundles may simply {@code new DdfTndsCodec()}.
 *
 * <p>Reading: through the tokenizers DM messages are read with ({@link
 * io.dmagent.codec.markup.XmlTokenizer}, {@link io.dmagent.codec.markup.WbxmlTokenizer}), so the
 * work is linear in the document's size and bounded per element; no DTD or external entity is ever
 * fetched; a DOCTYPE with an internal subset is refused; the document is bounded by {@link
 * CodecLimits} and {@link io.dmagent.codec.markup.TokenLimits} (413 beyond them); malformed input,
 * an unknown DDF element, a wrong root or an unknown format is 400; a WBXML charset other than
 * UTF-8 or ISO-8859-1 is 415. Nothing else is thrown for any input. Elements of other vocabularies
 * (a foreign XML namespace, a prefixed WBXML literal) are skipped; the {@code syncml:dmddf1.2}
 * namespace of a TNDS embedded in a DM message is the DDF vocabulary.
 *
 * <p>Writing: XML DDFs get the DM DDF 1.2 DOCTYPE; XML TNDS documents have no prolog and the root
 * in {@code syncml:dmddf1.2}, ready for a command's Data. WBXML documents are version 1.2, UTF-8,
 * public id {@value WbxmlHeader#FPI} in the string table, all tags on code page 2. Reading what was
 * written gives an equal model, up to the normalisations documented on the readers (b64 held as
 * bin, blank DFType entries dropped, names and identifiers trimmed).
 */
@Component(service = DescriptionCodec.class)
public final class DdfTndsCodec implements DescriptionCodec {
  private final CodecLimits limits;

  /** With {@link CodecLimits#defaults()}; the constructor Declarative Services uses. */
  public DdfTndsCodec() {
    this(CodecLimits.defaults());
  }

  public DdfTndsCodec(CodecLimits limits) {
    this.limits = Objects.requireNonNull(limits);
  }

  @Override
  public MgmtTreeDescription readDdf(byte[] document, Encoding encoding) throws DmException {
    return readDdf(document, encoding, new WorkMeter());
  }

  /**
   * As {@link #readDdf(byte[], Encoding)}, counting the tokenizer's work on {@code work}: for the
   * tests and the fuzzing driver that check the work is linear (this package is not exported).
   */
  public MgmtTreeDescription readDdf(byte[] document, Encoding encoding, WorkMeter work)
      throws DmException {
    MgmtTreeReader.Document<NodeDescription> d = read(document, encoding, new DdfReader(), work);
    return new MgmtTreeDescription(d.verDtd(), d.man(), d.mod(), d.nodes());
  }

  @Override
  public byte[] writeDdf(MgmtTreeDescription description, Encoding encoding) throws DmException {
    Objects.requireNonNull(description);
    MarkupWriter w = writer(encoding, XmlMarkupWriter.ddf());
    new DdfWriter(limits.maxDepth()).write(description, w);
    return bounded(w.finish());
  }

  @Override
  public TndsTree readTnds(byte[] document, Encoding encoding) throws DmException {
    return readTnds(document, encoding, new WorkMeter());
  }

  /** As {@link #readTnds(byte[], Encoding)}, counting the tokenizer's work on {@code work}. */
  public TndsTree readTnds(byte[] document, Encoding encoding, WorkMeter work) throws DmException {
    MgmtTreeReader.Document<TndsNode> d = read(document, encoding, new TndsReader(), work);
    return new TndsTree(d.verDtd(), d.man(), d.mod(), d.nodes());
  }

  @Override
  public byte[] writeTnds(TndsTree tree, Encoding encoding) throws DmException {
    Objects.requireNonNull(tree);
    MarkupWriter w = writer(encoding, XmlMarkupWriter.tnds());
    new TndsWriter(limits.maxDepth()).write(tree, w);
    return bounded(w.finish());
  }

  private <N> MgmtTreeReader.Document<N> read(
      byte[] document, Encoding encoding, MgmtTreeReader.NodeReader<N> nodes, WorkMeter work)
      throws DmException {
    Objects.requireNonNull(document);
    Objects.requireNonNull(encoding);
    InputGuard guard = new InputGuard(limits);
    guard.admit(document);
    Markup markup =
        encoding == Encoding.XML ? new XmlMarkup(document, work) : new WbxmlMarkup(document, work);
    return MgmtTreeReader.read(new ElementCursor(markup, guard), nodes);
  }

  private static MarkupWriter writer(Encoding encoding, XmlMarkupWriter xml) throws DmException {
    return Objects.requireNonNull(encoding) == Encoding.XML ? xml : new WbxmlMarkupWriter();
  }

  /** A document we would refuse to read is not written either. */
  private byte[] bounded(byte[] document) throws DmException {
    if (document.length > limits.maxInputBytes()) {
      throw Refusals.tooLarge(
          "written document of " + document.length + " bytes exceeds " + limits.maxInputBytes());
    }
    return document;
  }
}
