package io.dmagent.runtime;

/**
 * A feature change that is not applied, and why; the running set stays. {@code forcible}: the
 * operator may apply it anyway (a set that cannot reach any DM server).
 */
final class RefusedChange extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean forcible;

  RefusedChange(String reason, boolean forcible) {
    super(reason, null, false, false);
    this.forcible = forcible;
  }

  RefusedChange(String reason) {
    this(reason, false);
  }

  boolean forcible() {
    return forcible;
  }
}
