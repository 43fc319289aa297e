package io.dmagent.codec.markup;

/**
 * Bounds every tokenizer applies to each element, whatever reader it feeds, so that the work per
 * element is bounded and the work per document linear in its size. The readers add their own bounds
 * on depth, element count and text length (CodecLimits, MessageLimits), which are tighter.
 *
 * @param maxDepth element nesting the tokenizer keeps state for
 * @param maxAttributes attributes (namespace declarations included) on one XML element
 * @param maxNameLength characters of one element or attribute name, or of an entity name
 * @param maxAttributeLength characters of one attribute value
 * @param expansionFactor WBXML string-table references may produce at most this many characters per
 *     byte of the document (plus {@link #EXPANSION_ALLOWANCE}): a table string can be referenced
 *     any number of times, each reference costing two bytes
 */
public record TokenLimits(
    int maxDepth,
    int maxAttributes,
    int maxNameLength,
    int maxAttributeLength,
    int expansionFactor) {
  /** Characters that table references may always produce, however small the document. */
  public static final int EXPANSION_ALLOWANCE = 64 << 10;

  public TokenLimits {
    if (maxDepth < 1
        || maxAttributes < 1
        || maxNameLength < 1
        || maxAttributeLength < 1
        || expansionFactor < 1) {
      throw new IllegalArgumentException("token limits must be positive");
    }
  }

  /**
   * Nesting 1024 (the readers stop at 64 by default), 64 attributes (SyncML, DDF and TNDS use none
   * but namespace declarations), names of 256 characters (the longest DM element name has 14),
   * attribute values of 4096 characters (namespace URIs), and table references producing at most 8
   * characters per byte of the document.
   */
  public static TokenLimits defaults() {
    return new TokenLimits(1024, 64, 256, 4096, 8);
  }
}
