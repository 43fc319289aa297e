package io.dmagent.protocol;

/** Small helpers over the sealed command model. */
final class Commands {
  private Commands() {}

  /** Whether a status code says the command took effect (2xx, but not 214, 215, 216). */
  static boolean succeeded(int code) {
    return code >= 200 && code < 300 && code != 214 && code != 215 && code != 216;
  }
}
