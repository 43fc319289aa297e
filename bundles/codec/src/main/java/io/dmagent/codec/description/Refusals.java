package io.dmagent.codec.description;

import io.dmagent.api.log.WireText;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.StatusCode;

/**
 * The three ways the codec refuses a document. Messages name elements and limits, never a value,
 * since values may be secrets (DMAcc credentials travel in TNDS). Element and node names come from
 * the document, so every message is made fit for a log line here, in one place ({@link WireText}:
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

  /** A parser's failure as 400, without the input it quotes (see {@link ParserFailures}). */
  static DmException parserFailure(String what, Exception e) {
    return new DmException(StatusCode.BAD_REQUEST, fit(ParserFailures.describe(what, e)));
  }

  static DmException tooLarge(String message) {
    return new DmException(StatusCode.REQUEST_ENTITY_TOO_LARGE, fit(message));
  }

  static DmException unsupported(String message) {
    return new DmException(StatusCode.UNSUPPORTED_MEDIA_TYPE_OR_FORMAT, fit(message));
  }
}
