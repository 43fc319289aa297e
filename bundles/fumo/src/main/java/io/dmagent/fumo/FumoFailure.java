package io.dmagent.fumo;

/** A failed download or update: the FUMO result code it reports and a reason fit for a log line. */
final class FumoFailure extends Exception {
  private static final long serialVersionUID = 1L;

  private final int resultCode;

  FumoFailure(int resultCode, String reason) {
    super(reason);
    this.resultCode = resultCode;
  }

  int resultCode() {
    return resultCode;
  }
}
