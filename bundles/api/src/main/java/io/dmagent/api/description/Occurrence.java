package io.dmagent.api.description;

/**
 * DDF Occurrence: how many instances of a node its parent may hold. {@code max} is {@link
 * #UNBOUNDED} for ZeroOrMore/OneOrMore.
 */
public record Occurrence(int min, int max) {
  public static final int UNBOUNDED = Integer.MAX_VALUE;
  public static final Occurrence ONE = new Occurrence(1, 1);
  public static final Occurrence ZERO_OR_ONE = new Occurrence(0, 1);
  public static final Occurrence ZERO_OR_MORE = new Occurrence(0, UNBOUNDED);
  public static final Occurrence ONE_OR_MORE = new Occurrence(1, UNBOUNDED);

  public Occurrence {
    if (min < 0 || min > 1 || max < Math.max(1, min)) {
      throw new IllegalArgumentException("occurrence " + min + ".." + max);
    }
  }

  public static Occurrence zeroOrN(int n) {
    return new Occurrence(0, n);
  }

  public static Occurrence oneOrN(int n) {
    return new Occurrence(1, n);
  }
}
