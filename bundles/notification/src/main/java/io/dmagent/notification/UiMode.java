package io.dmagent.notification;

/** The ui-mode field of a package #0 header (protocol-wire.md §4.1): what the user sees first. */
enum UiMode {
  /** 0: not specified; handled as background. */
  NOT_SPECIFIED,
  /** 1: start the session without telling the user. */
  BACKGROUND,
  /** 2: tell the user (display) and start. */
  INFORMATIVE,
  /** 3: ask the user; start only if confirmed. */
  USER_INTERACTION;

  static UiMode of(int bits) {
    return values()[bits & 0x3];
  }
}
