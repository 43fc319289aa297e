package io.dmagent.api.transport;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The key of a TLS pre-shared key, as an account hands it to its channel. It gives out copies of
 * its bytes only, prints as {@code ***}, and a malformed text is refused without being repeated.
 */
public final class PskKey {
  private final byte[] key;

  private PskKey(byte[] key) {
    if (key == null || key.length == 0) {
      throw new IllegalArgumentException("a pre-shared key needs at least one byte");
    }
    this.key = key.clone();
  }

  public static PskKey of(byte[] key) {
    return new PskKey(key);
  }

  /**
   * From its hexadecimal text (how PSKs are provisioned, e.g. OpenSSL's {@code -psk}); blanks
   * around it are ignored.
   */
  public static PskKey fromHex(String hex) {
    byte[] bytes;
    try {
      bytes = HexFormat.of().parseHex(hex == null ? "" : hex.trim());
    } catch (IllegalArgumentException e) {
      // Not chained and not quoted: the text is the secret.
      throw new IllegalArgumentException("the pre-shared key is not hexadecimal");
    }
    try {
      return new PskKey(bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** A copy of the key, for the TLS code; the caller clears it after use. */
  public byte[] bytes() {
    return key.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PskKey k && MessageDigest.isEqual(k.key, key);
  }

  @Override
  public int hashCode() {
    // Equal keys share a hash; a constant discloses nothing of the key.
    return 1;
  }

  @Override
  public String toString() {
    return "***";
  }
}
