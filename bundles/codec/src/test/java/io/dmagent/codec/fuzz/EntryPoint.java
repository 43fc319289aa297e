package io.dmagent.codec.fuzz;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.MessageFormatException;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.codec.description.DdfTndsCodec;
import io.dmagent.codec.markup.WorkMeter;
import io.dmagent.codec.message.SyncMlCodec;

/**
 * Every way the agent decodes bytes from outside: a DM message and a DDF or TNDS document, each in
 * XML and WBXML. Embedded TNDS documents and the model's markup are read inside the message
 * decoder, by the same tokenizers.
 */
enum EntryPoint {
  MESSAGE_XML(Encoding.XML),
  MESSAGE_WBXML(Encoding.WBXML),
  DDF_XML(Encoding.XML),
  DDF_WBXML(Encoding.WBXML),
  TNDS_XML(Encoding.XML),
  TNDS_WBXML(Encoding.WBXML);

  /** Large enough for every input the tests make: MaxMsgSize is the caller's bound, not ours. */
  static final int MAX_MESSAGE_SIZE = 64 << 20;

  /** How a decode ended: a model, or a refusal with the status the protocol would send. */
  record Outcome(boolean decoded, int status) {}

  private final Encoding encoding;

  EntryPoint(Encoding encoding) {
    this.encoding = encoding;
  }

  Encoding encoding() {
    return encoding;
  }

  boolean isMessage() {
    return this == MESSAGE_XML || this == MESSAGE_WBXML;
  }

  /**
   * Decodes {@code input}, counting the work on {@code work}. Only the declared refusals are
   * caught: anything else thrown is a finding and leaves this method.
   */
  Outcome decode(byte[] input, WorkMeter work) {
    try {
      switch (this) {
        case MESSAGE_XML, MESSAGE_WBXML ->
            new SyncMlCodec().decode(input, encoding, MAX_MESSAGE_SIZE, work);
        case DDF_XML, DDF_WBXML -> new DdfTndsCodec().readDdf(input, encoding, work);
        case TNDS_XML, TNDS_WBXML -> new DdfTndsCodec().readTnds(input, encoding, work);
      }
      return new Outcome(true, StatusCode.OK.code());
    } catch (MessageFormatException e) {
      return new Outcome(false, e.status());
    } catch (DmException e) {
      return new Outcome(false, e.status().code());
    }
  }
}
