package io.dmagent.notification;

import io.dmagent.api.security.SyncmlDigest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds package #0 bytes as a server would, in both layouts, for the tests. */
final class Package0Encoder {
  private int version = 13;
  private int uiMode = 1;
  private boolean serverInitiated = true;
  private int sessionId = 0x1234;
  private final ByteArrayOutputStream options = new ByteArrayOutputStream();
  private int optionCount;
  private int numberBits = 4;

  Package0Encoder version(int v) {
    version = v;
    return this;
  }

  Package0Encoder uiMode(int v) {
    uiMode = v;
    return this;
  }

  Package0Encoder sessionId(int v) {
    sessionId = v;
    return this;
  }

  Package0Encoder numberBits(int v) {
    numberBits = v;
    return this;
  }

  Package0Encoder option(int number, byte[] value) {
    int word = (number << (16 - numberBits)) | value.length;
    options.write(word >>> 8);
    options.write(word);
    options.writeBytes(value);
    optionCount++;
    return this;
  }

  Package0Encoder option(int number, String value) {
    return option(number, value.getBytes(StandardCharsets.UTF_8));
  }

  byte[] header(int last) {
    long w =
        ((long) version << 54)
            | ((long) uiMode << 52)
            | ((serverInitiated ? 1L : 0L) << 51)
            | ((long) sessionId << 8)
            | last;
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (w >>> (56 - 8 * i));
    }
    return b;
  }

  /** The DM 1.2 layout: digest, header, server identifier. */
  byte[] dm12(String serverId, String secret, byte[] nonce) {
    byte[] id = serverId.getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream trigger = new ByteArrayOutputStream();
    trigger.writeBytes(header(id.length));
    trigger.writeBytes(id);
    return signed(serverId, secret, nonce, trigger.toByteArray(), true);
  }

  /** Our DM 1.3 layout: digest first or last, header with the option count, the options. */
  byte[] dm13(String serverId, String secret, byte[] nonce, boolean digestFirst) {
    ByteArrayOutputStream trigger = new ByteArrayOutputStream();
    trigger.writeBytes(header(optionCount));
    trigger.writeBytes(options.toByteArray());
    return signed(serverId, secret, nonce, trigger.toByteArray(), digestFirst);
  }

  private static byte[] signed(
      String serverId, String secret, byte[] nonce, byte[] trigger, boolean digestFirst) {
    byte[] digest = SyncmlDigest.notification(serverId, secret, nonce, trigger);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(digestFirst ? digest : trigger);
    out.writeBytes(digestFirst ? trigger : digest);
    return out.toByteArray();
  }
}
