package io.dmagent.tree;

import io.dmagent.api.description.DescriptionCodec;

/** The real description codec, as the tree finds it as a service in the running agent. */
final class Codecs {
  private Codecs() {}

  static DescriptionCodec description() {
    return new io.dmagent.codec.description.DdfTndsCodec();
  }
}
