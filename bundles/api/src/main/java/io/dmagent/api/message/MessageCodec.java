package io.dmagent.api.message;

import io.dmagent.api.description.Encoding;

/**
 * Turns SyncML DM messages into XML or WBXML bytes and back. Registered as an OSGi service by the
 * codec bundle. Thread-safe. Decoding resolves no DTD or entity and bounds depth, element count and
 * string and opaque lengths; encoding writes the spec's element order, the DM namespaces and, in
 * WBXML, the SyncML 1.2 public identifier in the string table.
 */
@org.osgi.annotation.versioning.ProviderType
public interface MessageCodec {

  /**
   * Decodes one message.
   *
   * @param maxMessageSize the largest message accepted (the agent's MaxMsgSize); a longer input is
   *     refused with 413 before any of it is parsed
   * @throws MessageFormatException for anything that is not a well-formed, bounded message
   */
  SyncMessage decode(byte[] message, Encoding encoding, int maxMessageSize)
      throws MessageFormatException;

  /** Encodes one message. */
  byte[] encode(SyncMessage message, Encoding encoding);

  /**
   * How many bytes {@code command} adds to a message's body in {@code encoding}, so that a sender
   * can fill messages up to the peer's MaxMsgSize without encoding them twice. Exact for WBXML; for
   * XML exact for the compact form this codec writes.
   */
  int encodedSize(Command command, Encoding encoding);

  /**
   * The bytes of a message with {@code header}, an empty body and Final: what a message costs
   * before any command is added.
   */
  int overhead(SyncHeader header, Encoding encoding);
}
