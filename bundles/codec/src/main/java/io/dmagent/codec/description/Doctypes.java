package io.dmagent.codec.description;

/** What the XML readers of DDFs, TNDS documents and DM messages need to know of a DOCTYPE. */
public final class Doctypes {
  private Doctypes() {}

  /**
   * Whether a DOCTYPE declaration (as kxml2 reports it) has an internal subset, which is where
   * entity declarations live: it opens with '[' outside the quoted public and system identifiers.
   */
  public static boolean hasInternalSubset(String doctype) {
    char quote = 0;
    for (int i = 0; i < doctype.length(); i++) {
      char c = doctype.charAt(i);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '[') {
        return true;
      }
    }
    return false;
  }
}
