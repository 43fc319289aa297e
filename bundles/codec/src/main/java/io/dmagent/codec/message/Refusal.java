package io.dmagent.codec.message;

import io.dmagent.api.message.MessageFormatException;
import io.dmagent.codec.markup.MarkupException;

/**
 * The ways the codec refuses a message, as the status that answers it. Messages name elements,
 * positions and limits, never a value: values may be credentials or nonces.
 */
final class Refusal {
  static final int BAD_REQUEST = 400;
  static final int TOO_LARGE = 413;
  static final int UNSUPPORTED_MEDIA_TYPE = 415;

  private Refusal() {}

  static MessageFormatException malformed(String message) {
    return new MessageFormatException(BAD_REQUEST, message);
  }

  static MessageFormatException tooLarge(String message) {
    return new MessageFormatException(TOO_LARGE, message);
  }

  static MessageFormatException unsupported(String message) {
    return new MessageFormatException(UNSUPPORTED_MEDIA_TYPE, message);
  }

  /** A tokenizer's refusal as the status of its kind. */
  static MessageFormatException of(MarkupException e) {
    return switch (e.kind()) {
      case TOO_LARGE -> tooLarge(e.getMessage());
      case UNSUPPORTED -> unsupported(e.getMessage());
      case MALFORMED -> malformed(e.getMessage());
    };
  }
}
