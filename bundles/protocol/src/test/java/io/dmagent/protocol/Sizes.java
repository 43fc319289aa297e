package io.dmagent.protocol;

import io.dmagent.codec.message.SyncMlCodec;

/** Message sizes for model-level tests: the real codec's. */
final class Sizes {
  private Sizes() {}

  static MessageSizer real() {
    return MessageSizer.of(new SyncMlCodec());
  }
}
