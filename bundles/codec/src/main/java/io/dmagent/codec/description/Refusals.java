package io.dmagent.codec.description;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.StatusCode;

/**
 * The three ways the codec refuses a document. Messages name elements and limits, never a value,
 * since values may be secrets (DMAcc credentials travel in TNDS).
 */
final class Refusals {
  private Refusals() {}

  static DmException malformed(String message) {
    return new DmException(StatusCode.BAD_REQUEST, message);
  }

  /** A parser's failure as 400, without the input it quotes (see {@link ParserFailures}). */
  static DmException parserFailure(String what, Exception e) {
    return new DmException(StatusCode.BAD_REQUEST, ParserFailures.describe(what, e));
  }

  static DmException tooLarge(String message) {
    return new DmException(StatusCode.REQUEST_ENTITY_TOO_LARGE, message);
  }

  static DmException unsupported(String message) {
    return new DmException(StatusCode.UNSUPPORTED_MEDIA_TYPE_OR_FORMAT, message);
  }
}
