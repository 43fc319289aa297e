package io.dmagent.codec.description;

import org.xmlpull.v1.XmlPullParserException;

/** What a refusal says about a parser's failure: its kind and place, never the input's text. */
public final class ParserFailures {
  private ParserFailures() {}

  /**
   * {@code what}, then the failure. kxml2's messages end in a position description that quotes up
   * to 16 characters of the input, which may be a secret: that part is cut off, and callers do not
   * keep the exception as a cause, so no log shows it. An unchecked exception is named by its class
   * only.
   */
  public static String describe(String what, Exception e) {
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
    return what + ": " + detail;
  }
}
