package io.dmagent.download;

/** An attempt that failed in a way another attempt may fix: a dropped connection, a 5xx. */
final class Retry extends Exception {
  private static final long serialVersionUID = 1L;

  Retry(String message) {
    super(message, null, false, false);
  }
}
