package io.dmagent.protocol;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.SyncHeader;

/** Message sizes for model-level tests. */
final class Sizes {
  private Sizes() {}

  /**
   * Until the message codec is on the class path: the length of the model's text form, which grows
   * with what a message carries as the encoded form does.
   */
  static MessageSizer real() {
    return new MessageSizer() {
      @Override
      public int overhead(SyncHeader header, Encoding encoding) {
        return header.toString().length();
      }

      @Override
      public int size(Command command, Encoding encoding) {
        return command.toString().length();
      }
    };
  }
}
