package io.dmagent.api.security;

import java.util.Locale;
import java.util.Optional;

/**
 * An application-level authentication scheme of DM security: its DMAcc {@code AAuthType}, the Meta
 * Type of its Cred and Chal, and the hash under it. Basic and the digests travel as Cred in the
 * SyncHdr; HMAC travels in the {@code x-syncml-hmac} transport header, never in Cred.
 *
 * <p>The SHA-256 forms are our interpretation of DM 1.3 (docs/CONFORMANCE.md): the MD5 digest
 * formula with SHA-256 as Meta Type {@code syncml:auth-sha256} (AAuthType {@code DIGEST-SHA256}),
 * and the HMAC formula with SHA-256 as {@code algorithm=SHA-256} (AAuthType {@code HMAC-SHA256}).
 */
public enum AuthScheme {
  BASIC("BASIC", "syncml:auth-basic", DigestAlgorithm.MD5),
  MD5("DIGEST", "syncml:auth-md5", DigestAlgorithm.MD5),
  SHA256("DIGEST-SHA256", "syncml:auth-sha256", DigestAlgorithm.SHA256),
  HMAC_MD5("HMAC", "syncml:auth-MAC", DigestAlgorithm.MD5),
  HMAC_SHA256("HMAC-SHA256", "syncml:auth-MAC", DigestAlgorithm.SHA256);

  private final String aauthType;
  private final String metaType;
  private final DigestAlgorithm algorithm;

  AuthScheme(String aauthType, String metaType, DigestAlgorithm algorithm) {
    this.aauthType = aauthType;
    this.metaType = metaType;
    this.algorithm = algorithm;
  }

  /** The DMAcc AAuthType value naming this scheme. */
  public String aauthType() {
    return aauthType;
  }

  /** The Meta Type of a Cred or Chal of this scheme. */
  public String metaType() {
    return metaType;
  }

  public DigestAlgorithm algorithm() {
    return algorithm;
  }

  /** Whether the scheme travels in the {@code x-syncml-hmac} header (and every message). */
  public boolean isHmac() {
    return this == HMAC_MD5 || this == HMAC_SHA256;
  }

  /** Whether the value depends on a nonce (every scheme but Basic). */
  public boolean usesNonce() {
    return this != BASIC;
  }

  /** The Cred Data of this (non-HMAC) scheme for {@code name}, {@code secret} and the nonce. */
  public String credential(String name, String secret, byte[] nonce) {
    if (isHmac()) {
      throw new IllegalStateException(metaType + " is not carried in Cred");
    }
    return this == BASIC
        ? SyncmlDigest.basic(name, secret)
        : SyncmlDigest.digest(algorithm, name, secret, nonce);
  }

  /** Whether {@code presented} is the Cred Data this scheme gives; constant-time. */
  public boolean verifies(String presented, String name, String secret, byte[] nonce) {
    return SyncmlDigest.matches(credential(name, secret, nonce), presented);
  }

  /**
   * The scheme an AAuthType names: BASIC, DIGEST (or MD5), DIGEST-SHA256 (or SHA256), HMAC (or
   * HMAC-MD5), HMAC-SHA256. Anything else (X509, HTTP-DIGEST, ...) is not application-level here.
   */
  public static Optional<AuthScheme> fromAAuthType(String value) {
    String v = value == null ? "" : value.trim().toUpperCase(Locale.ROOT).replace('_', '-');
    return switch (v) {
      case "BASIC" -> Optional.of(BASIC);
      case "DIGEST", "MD5" -> Optional.of(MD5);
      case "DIGEST-SHA256", "DIGEST-SHA-256", "SHA256", "SHA-256" -> Optional.of(SHA256);
      case "HMAC", "HMAC-MD5" -> Optional.of(HMAC_MD5);
      case "HMAC-SHA256", "HMAC-SHA-256" -> Optional.of(HMAC_SHA256);
      default -> Optional.empty();
    };
  }

  /**
   * The scheme a Cred's or Chal's Meta Type names, matched without regard to case ({@code
   * syncml:auth-SHA256} is a deployed spelling); {@code syncml:auth-MAC} takes {@code hmac}'s hash.
   */
  public static Optional<AuthScheme> fromMetaType(String type, DigestAlgorithm hmac) {
    if (type == null) {
      return Optional.empty();
    }
    String t = type.trim();
    if (t.equalsIgnoreCase(HMAC_MD5.metaType)) {
      return Optional.of(hmac == DigestAlgorithm.SHA256 ? HMAC_SHA256 : HMAC_MD5);
    }
    for (AuthScheme s : values()) {
      if (!s.isHmac() && s.metaType.equalsIgnoreCase(t)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
