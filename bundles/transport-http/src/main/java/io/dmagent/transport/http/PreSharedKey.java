package io.dmagent.transport.http;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A TLS pre-shared key and the identity it is known by. The key never appears in {@link
 * #toString()}; it is handed out as a copy only to the TLS code.
 */
public final class PreSharedKey {
  private final String identity;
  private final byte[] key;

  public PreSharedKey(String identity, byte[] key) {
    this.identity = Objects.requireNonNull(identity);
    if (identity.isEmpty() || key == null || key.length == 0) {
      throw new IllegalArgumentException("a pre-shared key needs an identity and a key");
    }
    this.key = key.clone();
  }

  /**
   * From configuration: the key as hexadecimal (how PSKs are usually provisioned, e.g. OpenSSL's
   * {@code -psk}). A malformed key is refused without repeating it.
   */
  public static PreSharedKey fromHex(String identity, Secret hexKey) {
    char[] hex = hexKey.chars();
    try {
      return new PreSharedKey(identity, HexFormat.of().parseHex(new String(hex)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the pre-shared key for identity " + identity + " is not hexadecimal");
    } finally {
      java.util.Arrays.fill(hex, '\0');
    }
  }

  public String identity() {
    return identity;
  }

  byte[] identityBytes() {
    return identity.getBytes(StandardCharsets.UTF_8);
  }

  byte[] key() {
    return key.clone();
  }

  @Override
  public String toString() {
    return "PreSharedKey[" + identity + ", ***]";
  }
}
