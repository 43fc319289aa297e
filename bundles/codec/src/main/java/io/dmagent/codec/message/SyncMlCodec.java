package io.dmagent.codec.message;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.MessageCodec;
import io.dmagent.api.message.MessageFormatException;
import io.dmagent.api.message.SyncHeader;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.codec.markup.WorkMeter;
import java.util.List;
import java.util.Objects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * SyncML DM messages in XML and WBXML (SyncML 1.2 code page 0, MetInf 1.2 code page 1, DM DDF 1.2
 * code page 2 for a TNDS embedded in Data). Stateless and thread-safe: every call has its own
 * reader or writer. Outside OSGi, {@code new SyncMlCodec()} gives the default {@link
 * MessageLimits}.
 *
 * <p>Decoding: a message longer than the caller's MaxMsgSize is refused with 413 before a byte of
 * it is parsed; no DTD or external entity is ever read, and a DOCTYPE with an internal subset is
 * 400; nesting, element count, text and opaque lengths are bounded by {@link MessageLimits} (413);
 * anything malformed or truncated is 400, a WBXML charset other than UTF-8 or a public id other
 * than SyncML's 415. Nothing but {@link MessageFormatException} leaves {@code decode}, and its
 * message names elements and limits, never a value. What is accepted and how it maps to the model:
 * {@link MessageReader}, {@link WbxmlReader}, {@link XmlReader}.
 *
 * <p>Encoding: the DTD's child order; XML compact, UTF-8, namespaces on the root and on MetInf
 * elements; WBXML 1.2 with the SyncML 1.2 FPI in the string table (see {@link WbxmlSink}). Embedded
 * markup ({@code ItemData.Markup}) is written as child elements of Data in XML and, in WBXML, as
 * OPAQUE holding a WBXML DM DDF document ({@link DdfDocument}); it is read from either, and from
 * DDF tokens inline on page 2, into one normal form (white space between elements dropped,
 * namespace declared on its root).
 *
 * <p>Sizes: {@code overhead(header) + sum of encodedSize(command)} is exactly the length of the
 * encoded final message with that header and those commands, in both encodings. A message without
 * Final is shorter: by {@code <Final/>} (8 bytes) in XML; in WBXML by the Final token (1 byte), and
 * by 2 more when its last command ends on code page 1 or 2 (the page switch back that Final
 * needed).
 */
@Component(service = MessageCodec.class, configurationPid = CodecConfig.PID)
@Designate(ocd = CodecConfig.class)
public final class SyncMlCodec implements MessageCodec {
  private final MessageLimits limits;

  /** With {@link MessageLimits#defaults()}. */
  public SyncMlCodec() {
    this(MessageLimits.defaults());
  }

  public SyncMlCodec(MessageLimits limits) {
    this.limits = Objects.requireNonNull(limits);
  }

  /** From configuration; a value out of range is taken at the nearest bound, never refused. */
  @Activate
  public SyncMlCodec(CodecConfig config) {
    this(
        new MessageLimits(
            Math.min(Math.max(1, config.maxDepth()), MessageLimits.MAX_DEPTH),
            Math.max(1, config.maxElements()),
            Math.max(1, config.maxTextLength()),
            Math.max(1, config.maxOpaqueLength())));
  }

  @Override
  public SyncMessage decode(byte[] message, Encoding encoding, int maxMessageSize)
      throws MessageFormatException {
    return decode(message, encoding, maxMessageSize, new WorkMeter());
  }

  /**
   * As {@link #decode(byte[], Encoding, int)}, counting the tokenizers' work on {@code work}: for
   * the tests and the fuzzing driver that check the work is linear (this package is not exported).
   */
  public SyncMessage decode(byte[] message, Encoding encoding, int maxMessageSize, WorkMeter work)
      throws MessageFormatException {
    Objects.requireNonNull(message);
    Objects.requireNonNull(encoding);
    if (message.length > maxMessageSize) {
      throw Refusal.tooLarge(
          "message of " + message.length + " bytes exceeds MaxMsgSize " + maxMessageSize);
    }
    if (message.length == 0) {
      throw Refusal.malformed("empty message");
    }
    try {
      if (encoding == Encoding.WBXML) {
        return read(new WbxmlReader(message, limits, WbxmlReader.Kind.SYNCML, work), work);
      }
      return read(new XmlReader(message, work), work);
    } catch (RuntimeException e) {
      // A safety net: every broken input is meant to be refused above. Should one slip through,
      // it is still broken input, and the engine must not see anything but a refusal.
      throw Refusal.malformed("malformed message (internal error " + e.getClass().getName() + ")");
    }
  }

  private SyncMessage read(EventSource source, WorkMeter work) throws MessageFormatException {
    return new MessageReader(new Cursor(source, limits, work)).read();
  }

  @Override
  public byte[] encode(SyncMessage message, Encoding encoding) {
    Objects.requireNonNull(message);
    MessageSink sink = sink(encoding, true);
    new MessageWriter(sink).message(message);
    return sink.finish();
  }

  @Override
  public int encodedSize(Command command, Encoding encoding) {
    Objects.requireNonNull(command);
    MessageSink sink = sink(encoding, false);
    new MessageWriter(sink).command(command);
    int size = sink.finish().length;
    // The next start tag (another command or Final) switches back to page 0: that is this
    // command's cost, since only its own end decides it.
    return sink instanceof WbxmlSink w && w.page() != Tag.SYNCML_PAGE ? size + 2 : size;
  }

  @Override
  public int overhead(SyncHeader header, Encoding encoding) {
    return encode(new SyncMessage(header, List.of(), true), encoding).length;
  }

  private static MessageSink sink(Encoding encoding, boolean document) {
    return Objects.requireNonNull(encoding) == Encoding.XML
        ? new XmlSink(document)
        : new WbxmlSink(document);
  }
}
