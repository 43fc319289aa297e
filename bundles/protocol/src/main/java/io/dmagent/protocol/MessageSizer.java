package io.dmagent.protocol;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.MessageCodec;
import io.dmagent.api.message.SyncHeader;

/** What messages cost in bytes, so that replies can be filled up to the server's MaxMsgSize. */
interface MessageSizer {
  /** A message with this header, an empty body and Final. */
  int overhead(SyncHeader header, Encoding encoding);

  /** What a command adds to a body. */
  int size(Command command, Encoding encoding);

  static MessageSizer of(MessageCodec codec) {
    return new MessageSizer() {
      @Override
      public int overhead(SyncHeader header, Encoding encoding) {
        return codec.overhead(header, encoding);
      }

      @Override
      public int size(Command command, Encoding encoding) {
        return codec.encodedSize(command, encoding);
      }
    };
  }
}
