package io.dmagent.codec.fuzz;

/**
 * The work any input may cost: linear in its size. The constant is what our tokenizers need on the
 * worst cases ({@link WorstCases}: about 7 steps per byte) with room to spare; a quadratic reader
 * would exceed it from a few kilobytes on.
 */
final class Budget {
  static final int STEPS_PER_BYTE = 16;

  /** Fixed cost of a document however small (headers, a refusal's position). */
  static final int FIXED_STEPS = 4096;

  private Budget() {}

  static long of(int bytes) {
    return (long) STEPS_PER_BYTE * bytes + FIXED_STEPS;
  }
}
