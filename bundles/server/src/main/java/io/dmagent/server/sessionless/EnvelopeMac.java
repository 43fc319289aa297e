package io.dmagent.server.sessionless;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The MAC of a sessionless envelope: the {@code x-syncml-hmac} formula (digest 3.4) {@code
 * B64(H(B64(H(username:password)):nonce:B64(H(message))))} with the envelope's timestamp, as ASCII,
 * for nonce, and the DM message bytes only for message. MD5, or SHA-256 when the header says so.
 */
public enum EnvelopeMac {
  MD5("MD5", "MD5"),
  SHA256("SHA-256", "SHA-256");

  private final String headerName;
  private final String jcaName;

  EnvelopeMac(String headerName, String jcaName) {
    this.headerName = headerName;
    this.jcaName = jcaName;
  }

  /** The {@code algorithm=} value. */
  public String headerName() {
    return headerName;
  }

  public static Optional<EnvelopeMac> named(String algorithm) {
    String a = algorithm.strip().toUpperCase(Locale.ROOT);
    return a.equals("MD5")
        ? Optional.of(MD5)
        : a.equals("SHA-256") || a.equals("SHA256") ? Optional.of(SHA256) : Optional.empty();
  }

  /** The MAC, base64. */
  public String mac(String username, String password, String timestamp, byte[] message) {
    Base64.Encoder b64 = Base64.getEncoder();
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.writeBytes(b64.encode(hash((username + ":" + password).getBytes(StandardCharsets.UTF_8))));
    in.write(':');
    in.writeBytes(timestamp.getBytes(StandardCharsets.US_ASCII));
    in.write(':');
    in.writeBytes(b64.encode(hash(message)));
    return b64.encodeToString(hash(in.toByteArray()));
  }

  /** Whether {@code mac} is right, compared in constant time. */
  public boolean verifies(
      String mac, String username, String password, String timestamp, byte[] message) {
    return MessageDigest.isEqual(
        mac.getBytes(StandardCharsets.US_ASCII),
        mac(username, password, timestamp, message).getBytes(StandardCharsets.US_ASCII));
  }

  private byte[] hash(byte[] bytes) {
    try {
      return MessageDigest.getInstance(jcaName).digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has " + jcaName, e);
    }
  }
}
