package io.dmagent.policy;

import java.time.Instant;

/** One execution of a policy, or why it could not run: what Results/<n> records. */
record Result(Instant time, String outcome, String detail) {
  static final String DONE = "done";
  static final String FAILED = "failed";
  static final String THROTTLED = "throttled";
  static final String REFUSED = "refused";
  static final String MISSING_TYPE = "inactive: missing type";
  static final String MISSING_NODE = "inactive: missing node";

  boolean failed() {
    return !outcome.equals(DONE);
  }
}
