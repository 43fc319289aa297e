package io.dmagent.codec.description;

import io.dmagent.api.log.WireText;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.codec.markup.MarkupException;

/**
 * The ways the codec refuses a document. Messages name elements and limits, never a value, since
 * values may be secrets (DMAcc credentials travel in TNDS). Element and node names come from the
 * document, so every message is made fit for a log line here, in one place ({@link WireText}:
 * control characters escaped, cut to {@link #MAX_MESSAGE} characters), whoever builds it.
 */
final class Refusals {
  /** The longest refusal message: enough for an element path, never a megabyte name. */
  static final int MAX_MESSAGE = 300;

  private Refusals() {}

  static DmException malformed(String message) {
    return new DmException(StatusCode.BAD_REQUEST, fit(message));
  }

  private static String fit(String message) {
    return WireText.escape(message, MAX_MESSAGE);
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
    return new DmException(StatusCode.REQUEST_ENTITY_TOO_LARGE, fit(message));
  }

  static DmException unsupported(String message) {
    return new DmException(StatusCode.UNSUPPORTED_MEDIA_TYPE_OR_FORMAT, fit(message));
  }
}
