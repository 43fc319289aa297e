package io.dmagent.codec.message;

/**
 * Bounds on one decoded message beyond its size (which the caller's MaxMsgSize bounds), so that a
 * hostile or broken message costs bounded time and memory. Exceeding any of them is 413.
 *
 * @param maxDepth element nesting, the root {@code SyncML} counting as 1 (an embedded MgmtTree adds
 *     its own levels)
 * @param maxElements elements in the message, skipped ones included
 * @param maxTextLength characters of one element's text
 * @param maxOpaqueLength bytes of one element's WBXML opaque data
 */
public record MessageLimits(int maxDepth, int maxElements, int maxTextLength, int maxOpaqueLength) {
  /** The deepest nesting that may be configured. */
  public static final int MAX_DEPTH = 1024;

  public MessageLimits {
    if (maxDepth < 1 || maxElements < 1 || maxTextLength < 1 || maxOpaqueLength < 1) {
      throw new IllegalArgumentException("message limits must be positive");
    }
    if (maxDepth > MAX_DEPTH) {
      // Atomic and Sequence are read recursively: this keeps the stack small whatever is set.
      throw new IllegalArgumentException("maxDepth above " + MAX_DEPTH);
    }
  }

  /**
   * Nesting 64 (a DM command needs about 10 levels, an embedded TNDS 2 per tree level), 100,000
   * elements, 4 MiB of text or opaque data per element (a large object's chunk is bounded by the
   * agent's MaxMsgSize anyway).
   */
  public static MessageLimits defaults() {
    return new MessageLimits(64, 100_000, 4 << 20, 4 << 20);
  }
}
