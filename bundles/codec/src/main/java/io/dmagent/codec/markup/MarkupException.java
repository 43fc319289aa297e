package io.dmagent.codec.markup;

/**
 * A tokenizer's refusal of its input. The message names the construct and the limit, never the
 * input's text, since values may be secrets; each reader turns it into its own status.
 */
public final class MarkupException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What kind of refusal: each maps to one DM status (400, 413, 415). */
  public enum Kind {
    /** Not well-formed. */
    MALFORMED,
    /** Well-formed so far, but over a bound of {@link TokenLimits}. */
    TOO_LARGE,
    /** An encoding or charset the tokenizer does not read. */
    UNSUPPORTED
  }

  private final Kind kind;

  public MarkupException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  static MarkupException malformed(String message) {
    return new MarkupException(Kind.MALFORMED, message);
  }

  static MarkupException tooLarge(String message) {
    return new MarkupException(Kind.TOO_LARGE, message);
  }

  static MarkupException unsupported(String message) {
    return new MarkupException(Kind.UNSUPPORTED, message);
  }
}
