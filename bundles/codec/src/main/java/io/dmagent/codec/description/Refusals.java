package io.dmagent.codec.description;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.StatusCode;
import org.xmlpull.v1.XmlPullParserException;

/**
 * The three ways the codec refuses a document. Messages name elements and limits, never a value,
 * since values may be secrets (DMAcc credentials travel in TNDS).
 */
final class Refusals {
  private Refusals() {}

  static DmException malformed(String message) {
    return new DmException(StatusCode.BAD_REQUEST, message);
  }

  /**
   * A parser's failure as 400. kxml2's messages end in a position description that quotes up to 16
   * characters of the text being parsed, which may be a secret: that part is cut off and the
   * exception is not kept as the cause, so no log shows it.
   */
  static DmException parserFailure(String what, Exception e) {
    String detail = e instanceof RuntimeException ? e.getClass().getSimpleName() : e.getMessage();
    if (detail == null) {
      detail = e.getClass().getSimpleName();
    }
    int position = detail.indexOf(" (position:");
    if (position >= 0) {
      detail = detail.substring(0, position);
    }
    if (e instanceof XmlPullParserException x && x.getLineNumber() >= 0) {
      detail += " at line " + x.getLineNumber() + ", column " + x.getColumnNumber();
    }
    return new DmException(StatusCode.BAD_REQUEST, what + ": " + detail);
  }

  static DmException tooLarge(String message) {
    return new DmException(StatusCode.REQUEST_ENTITY_TOO_LARGE, message);
  }

  static DmException unsupported(String message) {
    return new DmException(StatusCode.UNSUPPORTED_MEDIA_TYPE_OR_FORMAT, message);
  }
}
