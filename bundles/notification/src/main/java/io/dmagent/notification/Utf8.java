package io.dmagent.notification;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/** Text fields of a package #0: strict UTF-8, so garbled text is refused rather than guessed. */
final class Utf8 {
  private Utf8() {}

  static String decode(byte[] b, int from, int length, String what) throws MalformedNotification {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .decode(ByteBuffer.wrap(b, from, length))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedNotification(what + " is not UTF-8");
    }
  }
}
