package io.dmagent.server.delegation;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticates a {@link DelegationGrant} between two servers that share a key: HMAC-SHA256 over
 * the grant's canonical text, appended as a last line {@code signature=<base64>}. The key never
 * leaves this class.
 */
public final class GrantSeal {
  private static final String SIGNATURE = "signature=";
  private final byte[] key;

  public GrantSeal(byte[] key) {
    if (key.length < 16) {
      throw new IllegalArgumentException("a peer key needs at least 16 bytes");
    }
    this.key = key.clone();
  }

  /** The signed text of {@code grant}, as it travels. */
  public String seal(DelegationGrant grant) {
    String text = grant.format();
    return text + SIGNATURE + Base64.getEncoder().encodeToString(mac(text)) + "\n";
  }

  /**
   * The grant, if {@code sealed} carries a valid signature of this key; compared in constant time.
   */
  public Optional<DelegationGrant> open(String sealed) {
    int at = sealed.lastIndexOf(SIGNATURE);
    if (at < 0 || (at > 0 && sealed.charAt(at - 1) != '\n')) {
      return Optional.empty();
    }
    String text = sealed.substring(0, at);
    byte[] given;
    try {
      given = Base64.getDecoder().decode(sealed.substring(at + SIGNATURE.length()).strip());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!MessageDigest.isEqual(given, mac(text))) {
      return Optional.empty();
    }
    return Optional.of(DelegationGrant.parse(text));
  }

  private byte[] mac(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
    }
  }

  @Override
  public String toString() {
    return "GrantSeal[HmacSHA256]";
  }
}
