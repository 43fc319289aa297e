package io.dmagent.notification;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The DM 1.2 package #0 (protocol-wire.md §4.1): digest(16), header word, then the server
 * identifier of the length the header's last byte gives, then an opaque vendor body. The digest
 * covers every byte after the first 16.
 */
final class Dm12Layout {
  static final int DIGEST = 16;

  private Dm12Layout() {}

  static Notification decode(byte[] b) throws MalformedNotification {
    if (b.length < DIGEST + HeaderWord.LENGTH) {
      throw new MalformedNotification(
          "package #0 of " + b.length + " bytes, shorter than digest and header (24)");
    }
    HeaderWord h = HeaderWord.read(b, DIGEST);
    int idLength = h.last();
    if (idLength == 0) {
      throw new MalformedNotification("package #0 with an empty server identifier");
    }
    int idStart = DIGEST + HeaderWord.LENGTH;
    if (idStart + idLength > b.length) {
      throw new MalformedNotification(
          "server identifier of " + idLength + " bytes runs past the end (" + b.length + ")");
    }
    String serverId = Utf8.decode(b, idStart, idLength, "server identifier");
    return new Notification(
        h.version(),
        h.uiMode(),
        h.serverInitiated(),
        h.sessionId(),
        serverId,
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Arrays.copyOfRange(b, 0, DIGEST),
        Arrays.copyOfRange(b, DIGEST, b.length));
  }
}
