package io.dmagent.codec.fuzz;

/**
 * The work any input may cost: linear in its size. Reading costs about 6 steps per byte on the
 * worst cases ({@link WorstCases}); an XML message with a bare {@code &} is read twice, once more
 * after its repair, and a refusal counts the position it names: about 20 steps per byte at most. 32
 * leaves room; a quadratic reader exceeds it from a few kilobytes on.
 */
final class Budget {
  static final int STEPS_PER_BYTE = 32;

  /** Fixed cost of a document however small (headers, a refusal's position). */
  static final int FIXED_STEPS = 4096;

  private Budget() {}

  static long of(int bytes) {
    return (long) STEPS_PER_BYTE * bytes + FIXED_STEPS;
  }
}
