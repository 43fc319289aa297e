package io.dmagent.pushsip;

/** Where a request's head ends in its bytes. */
final class Heads {
  /** The largest head (request line and header fields) read: larger ones are answered 513. */
  static final int MAX_HEAD = 8192;

  private Heads() {}

  /** The index of the CRLFCRLF that ends the head within {@code [0, length)}, or -1. */
  static int end(byte[] bytes, int length) {
    for (int i = 0; i + 3 < length; i++) {
      if (bytes[i] == '\r'
          && bytes[i + 1] == '\n'
          && bytes[i + 2] == '\r'
          && bytes[i + 3] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** True for bytes that are only CR and LF: a keep-alive (RFC 5626 4.4.1), not a request. */
  static boolean keepAlive(byte[] bytes, int length) {
    for (int i = 0; i < length; i++) {
      if (bytes[i] != '\r' && bytes[i] != '\n') {
        return false;
      }
    }
    return true;
  }

  /**
   * True when the bytes start a response ({@code SIP/2.0 200 OK}): the binding sends no request.
   */
  static boolean response(byte[] bytes, int length) {
    return length >= 4 && bytes[0] == 'S' && bytes[1] == 'I' && bytes[2] == 'P' && bytes[3] == '/';
  }
}
