package io.dmagent.hw.smartcard;

/** The ISO 7816-4 status words this reader acts on. */
final class StatusWord {
  static final int OK = 0x9000;

  /** Warning: end of file reached before Le bytes were read. */
  static final int END_OF_FILE = 0x6282;

  static final int FILE_NOT_FOUND = 0x6A82;
  static final int WRONG_OFFSET = 0x6B00;

  private StatusWord() {}

  static String hex(int sw) {
    return String.format("%04X", sw);
  }
}
