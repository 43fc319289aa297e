package io.dmagent.api.security;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/**
 * The hash under a DM digest: MD5 as DM 1.2 defines it, SHA-256 as our interpretation of the DM 1.3
 * variant (the same formulas with SHA-256 in place of MD5; see docs/CONFORMANCE.md).
 */
public enum DigestAlgorithm {
  MD5("MD5", "MD5"),
  SHA256("SHA-256", "SHA-256");

  private final String jcaName;
  private final String headerName;

  DigestAlgorithm(String jcaName, String headerName) {
    this.jcaName = jcaName;
    this.headerName = headerName;
  }

  /** The name in the {@code algorithm=} parameter of {@code x-syncml-hmac}. */
  public String headerName() {
    return headerName;
  }

  byte[] hash(byte[]... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance(jcaName);
      for (byte[] p : parts) {
        md.update(p);
      }
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(jcaName + " is required of every Java runtime", e);
    }
  }

  public static Optional<DigestAlgorithm> fromHeaderName(String name) {
    String n = name.trim().toUpperCase(Locale.ROOT);
    for (DigestAlgorithm a : values()) {
      if (a.headerName.equals(n) || a.name().equals(n)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
