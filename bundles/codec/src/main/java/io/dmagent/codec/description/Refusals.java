package io.dmagent.codec.description;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.codec.markup.MarkupException;

/**
 * The ways the codec refuses a document. Messages name elements and limits, never a value, since
 * values may be secrets (DMAcc credentials travel in TNDS).
 */
final class Refusals {
  private Refusals() {}

  static DmException malformed(String message) {
    return new DmException(StatusCode.BAD_REQUEST, message);
  }

  /** A tokenizer's refusal as the status of its kind; its message never quotes the input. */
  static DmException of(String what, MarkupException e) {
    String message = what + ": " + e.getMessage();
    return switch (e.kind()) {
      case TOO_LARGE -> tooLarge(message);
      case UNSUPPORTED -> unsupported(message);
      case MALFORMED -> malformed(message);
    };
  }

  static DmException tooLarge(String message) {
    return new DmException(StatusCode.REQUEST_ENTITY_TOO_LARGE, message);
  }

  static DmException unsupported(String message) {
    return new DmException(StatusCode.UNSUPPORTED_MEDIA_TYPE_OR_FORMAT, message);
  }
}
