package io.dmagent.codec.message;

import io.dmagent.api.message.MessageFormatException;
import org.xmlpull.v1.XmlPullParserException;

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

  /**
   * A parser's failure as 400. kxml2's messages end in a position description that quotes up to 16
   * characters of the input, which may be a secret: that part is cut off and the exception is not
   * kept as the cause, so no log shows it.
   */
  static MessageFormatException parserFailure(String what, Exception e) {
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
    return malformed(what + ": " + detail);
  }
}
