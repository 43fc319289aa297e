package io.dmagent.codec.markup;

/**
 * Counts the steps a tokenizer takes: characters or bytes consumed, and every iteration of a loop
 * that does not consume input (attribute comparisons, namespace look-ups, table string copies).
 * Tests and the fuzzing driver read it to check that the work stays linear in the input's size; in
 * production it is one counter per document. Not thread-safe: one per read.
 */
public final class WorkMeter {
  private long steps;

  public void add(long n) {
    steps += n;
  }

  public long steps() {
    return steps;
  }
}
