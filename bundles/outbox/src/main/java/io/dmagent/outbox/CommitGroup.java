package io.dmagent.outbox;

/**
 * The outbox changes made between two commits, which become durable (or fail) together: each caller
 * whose change is in the group waits until it is done, then reads how it ended.
 */
final class CommitGroup {
  private volatile boolean done;
  private volatile RuntimeException failure;

  /** Its commit has been forced to disk. */
  void forced() {
    done = true;
  }

  /** It cannot be made durable; none of its changes counts as made. */
  void failed(RuntimeException cause) {
    failure = cause;
    done = true;
  }

  boolean isDone() {
    return done;
  }

  /** Why it failed; null when forced (or not done yet). */
  RuntimeException failure() {
    return failure;
  }
}
