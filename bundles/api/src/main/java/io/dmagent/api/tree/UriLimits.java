package io.dmagent.api.tree;

/**
 * The device's URI limits as published in {@code ./DevDetail/URI}: maximum number of segments,
 * total length of a node or property URI in characters, and length of one segment. Zero means
 * unlimited. The tree answers 414 when a URI exceeds one of them.
 */
public record UriLimits(int maxDepth, int maxTotLen, int maxSegLen) {
  /** Limits that keep a gateway safe from absurd URIs while fitting every standard MO. */
  public static final UriLimits DEFAULT = new UriLimits(32, 1024, 128);

  public UriLimits {
    if (maxDepth < 0 || maxTotLen < 0 || maxSegLen < 0) {
      throw new IllegalArgumentException("URI limits are unsigned");
    }
    if (maxDepth > 0xFFFF || maxTotLen > 0xFFFF || maxSegLen > 0xFFFF) {
      throw new IllegalArgumentException("URI limits are 16-bit values");
    }
  }
}
