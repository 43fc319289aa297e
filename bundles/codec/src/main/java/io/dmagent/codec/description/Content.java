package io.dmagent.codec.description;

import io.dmagent.api.tree.DmException;

/**
 * What an element contained: text (XML character data, WBXML inline or table strings) or WBXML
 * opaque bytes. Kept apart because a Value means different bytes in each form.
 */
sealed interface Content {

  record Text(String text) implements Content {}

  record Opaque(byte[] data) implements Content {
    public Opaque {
      data = data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }
  }

  /** The content as a string; opaque data must then be well-formed UTF-8. */
  default String asText() throws DmException {
    if (this instanceof Text t) {
      return t.text();
    }
    return Utf8.strict(((Opaque) this).data())
        .orElseThrow(() -> Refusals.malformed("opaque data where text is expected is not UTF-8"));
  }
}
