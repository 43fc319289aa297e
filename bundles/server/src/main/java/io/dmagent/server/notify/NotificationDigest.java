package io.dmagent.server.notify;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The digest of package #0 (digest 3.2): {@code
 * H(B64(H(server-id:password)):nonce:B64(H(trigger)))} with MD5, the raw 16 bytes. The nonce is the
 * one the device holds in the SRVCRED of the server's account (the one the device last gave the
 * server), as bytes.
 */
public final class NotificationDigest {
  private NotificationDigest() {}

  public static byte[] of(String serverId, String password, byte[] nonce, byte[] trigger) {
    Base64.Encoder b64 = Base64.getEncoder();
    byte[] credentials =
        b64.encode(md5((serverId + ":" + password).getBytes(StandardCharsets.UTF_8)));
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.writeBytes(credentials);
    in.write(':');
    in.writeBytes(nonce);
    in.write(':');
    in.writeBytes(b64.encode(md5(trigger)));
    return md5(in.toByteArray());
  }

  private static byte[] md5(byte[] bytes) {
    try {
      return MessageDigest.getInstance("MD5").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has MD5", e);
    }
  }
}
