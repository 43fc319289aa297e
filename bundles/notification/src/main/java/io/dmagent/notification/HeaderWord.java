package io.dmagent.notification;

/**
 * The 64-bit header word both layouts share (protocol-wire.md §4.1): version(10) ui-mode(2)
 * initiator(1) reserved(27) session-id(16) and a last byte (the server-id length in DM 1.2, the
 * option count in our DM 1.3 layout).
 */
record HeaderWord(int version, UiMode uiMode, boolean serverInitiated, int sessionId, int last) {
  static final int LENGTH = 8;

  static HeaderWord read(byte[] b, int at) {
    long w = 0;
    for (int i = 0; i < LENGTH; i++) {
      w = (w << 8) | (b[at + i] & 0xFF);
    }
    return new HeaderWord(
        (int) (w >>> 54) & 0x3FF,
        UiMode.of((int) (w >>> 52)),
        ((w >>> 51) & 1) == 1,
        (int) (w >>> 8) & 0xFFFF,
        (int) w & 0xFF);
  }
}
