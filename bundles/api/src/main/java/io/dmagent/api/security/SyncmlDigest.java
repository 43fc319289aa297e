package io.dmagent.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The credential formulas of DM security, on bytes (a nonce is the decoded binary nonce, never its
 * Base64 text):
 *
 * <ul>
 *   <li>Basic: {@code B64(name ":" secret)}
 *   <li>Digest: {@code B64(H(B64(H(name ":" secret)) ":" nonce))}
 *   <li>HMAC: {@code B64(H(B64(H(name ":" secret)) ":" nonce ":" B64(H(body))))}
 *   <li>Notification (package #0): {@code H(B64(H(serverId ":" secret)) ":" nonce ":"
 *       B64(H(trigger)))}, raw
 * </ul>
 *
 * Pure functions of their inputs; comparisons are constant-time so that a timing probe learns
 * nothing.
 */
public final class SyncmlDigest {
  private static final byte[] COLON = {':'};

  private SyncmlDigest() {}

  public static String basic(String name, String secret) {
    return b64(utf8(name + ":" + secret));
  }

  public static String digest(DigestAlgorithm alg, String name, String secret, byte[] nonce) {
    return b64(alg.hash(credentialHash(alg, name, secret), COLON, nonce));
  }

  public static String hmac(
      DigestAlgorithm alg, String name, String secret, byte[] nonce, byte[] body) {
    return b64(
        alg.hash(
            credentialHash(alg, name, secret), COLON, nonce, COLON, utf8(b64(alg.hash(body)))));
  }

  /** The raw 16-byte (MD5) digest of a package #0 trigger. */
  public static byte[] notification(String serverId, String secret, byte[] nonce, byte[] trigger) {
    DigestAlgorithm md5 = DigestAlgorithm.MD5;
    return md5.hash(
        credentialHash(md5, serverId, secret), COLON, nonce, COLON, utf8(b64(md5.hash(trigger))));
  }

  /** Compares two credential values without leaking, through timing, how much of them matched. */
  public static boolean matches(String expected, String presented) {
    return presented != null && MessageDigest.isEqual(utf8(expected), utf8(presented));
  }

  private static byte[] credentialHash(DigestAlgorithm alg, String name, String secret) {
    return utf8(b64(alg.hash(utf8(name + ":" + secret))));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
