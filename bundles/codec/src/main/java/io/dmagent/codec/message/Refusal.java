package io.dmagent.codec.message;

import io.dmagent.api.log.WireText;
import io.dmagent.api.message.MessageFormatException;
import io.dmagent.codec.markup.MarkupException;

/**
 * The ways the codec refuses a message, as the status that answers it. Messages name elements,
 * positions and limits, never a value: values may be credentials or nonces. Element names come from
 * the message, so every message is made fit for a log line here, in one place ({@link WireText}:
 * control characters escaped, cut to {@link #MAX_MESSAGE} characters), whoever builds it.
 */
final class Refusal {
  static final int BAD_REQUEST = 400;
  static final int TOO_LARGE = 413;
  static final int UNSUPPORTED_MEDIA_TYPE = 415;

  /** The longest refusal message: enough for an element path, never a megabyte name. */
  static final int MAX_MESSAGE = 300;

  private Refusal() {}

  static MessageFormatException malformed(String message) {
    return new MessageFormatException(BAD_REQUEST, fit(message));
  }

  static MessageFormatException tooLarge(String message) {
    return new MessageFormatException(TOO_LARGE, fit(message));
  }

  static MessageFormatException unsupported(String message) {
    return new MessageFormatException(UNSUPPORTED_MEDIA_TYPE, fit(message));
  }

  private static String fit(String message) {
    return WireText.escape(message, MAX_MESSAGE);
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
