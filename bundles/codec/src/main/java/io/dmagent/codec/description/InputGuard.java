package io.dmagent.codec.description;

import io.dmagent.api.tree.DmException;

/** Applies {@link CodecLimits} to one document while it is read. Not thread-safe: one per read. */
final class InputGuard {
  private final CodecLimits limits;
  private int elements;

  InputGuard(CodecLimits limits) {
    this.limits = limits;
  }

  /** Checked before any parser sees the bytes, so the parsers never work on an unbounded input. */
  void admit(byte[] document) throws DmException {
    if (document.length > limits.maxInputBytes()) {
      throw Refusals.tooLarge(
          "document of " + document.length + " bytes exceeds " + limits.maxInputBytes());
    }
    if (document.length == 0) {
      throw Refusals.malformed("empty document");
    }
  }

  /** Called for every element start, at its depth (the root is 1). */
  void enter(int depth) throws DmException {
    if (depth > limits.maxDepth()) {
      throw Refusals.tooLarge("elements nested deeper than " + limits.maxDepth());
    }
    if (++elements > limits.maxElements()) {
      throw Refusals.tooLarge("more than " + limits.maxElements() + " elements");
    }
  }

  void text(int length) throws DmException {
    if (length > limits.maxTextLength()) {
      throw Refusals.tooLarge("an element's content is longer than " + limits.maxTextLength());
    }
  }
}
