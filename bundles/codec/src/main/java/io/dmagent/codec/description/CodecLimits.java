package io.dmagent.codec.description;

/**
 * Bounds on one DDF or TNDS document, so that a hostile or broken document costs bounded time and
 * memory. Exceeding any of them is 413 (Request entity too large).
 *
 * @param maxInputBytes size of the whole document, checked before parsing starts
 * @param maxDepth element nesting, the root {@code MgmtTree} counting as 1
 * @param maxElements elements in the document, including ignored foreign ones
 * @param maxTextLength characters of one element's text, or bytes of its opaque data
 */
public record CodecLimits(int maxInputBytes, int maxDepth, int maxElements, int maxTextLength) {

  public CodecLimits {
    if (maxInputBytes < 1 || maxDepth < 1 || maxElements < 1 || maxTextLength < 1) {
      throw new IllegalArgumentException("codec limits must be positive");
    }
  }

  /**
   * 8 MiB per document (a whole phone DDF is 119 KB), nesting 64 (trees are rarely deeper than 20
   * nodes, and each node adds a few element levels), 200,000 elements, 1 MiB per value.
   */
  public static CodecLimits defaults() {
    return new CodecLimits(8 << 20, 64, 200_000, 1 << 20);
  }
}
