package io.dmagent.api.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Nonces as DM security moves them: 16 random bytes (128 bits, the strength the spec asks for),
 * carried as Base64 text in NextNonce and hashed as the decoded bytes.
 */
public final class Nonces {
  /** The resynchronisation nonce most clients use: four zero bytes (digest section 8 item 3). */
  private static final byte[] RESYNC_BYTES = {0, 0, 0, 0};

  /** The resynchronisation nonce libdmclient uses: the ASCII text {@code 0x00000000}. */
  private static final byte[] RESYNC_TEXT = "0x00000000".getBytes(StandardCharsets.US_ASCII);

  private Nonces() {}

  public static byte[] fresh(SecureRandom random) {
    byte[] n = new byte[16];
    random.nextBytes(n);
    return n;
  }

  /** The NextNonce text of {@code nonce}. */
  public static String encode(byte[] nonce) {
    return Base64.getEncoder().encodeToString(nonce);
  }

  /**
   * The bytes of a NextNonce: its Base64 decoding, or its text bytes when it is not Base64 (a peer
   * that sends a bare text nonce hashes that text).
   */
  public static byte[] decode(String nextNonce) {
    String t = nextNonce.trim();
    try {
      return Base64.getMimeDecoder().decode(t);
    } catch (IllegalArgumentException e) {
      return t.getBytes(StandardCharsets.UTF_8);
    }
  }

  /** The two resynchronisation nonces in use: four zero bytes, and the text "0x00000000". */
  public static byte[][] resync() {
    return new byte[][] {RESYNC_BYTES.clone(), RESYNC_TEXT.clone()};
  }
}
