package io.dmagent.api.security;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.StatusCode;
import java.util.Objects;

/**
 * The {@code x-syncml-hmac} transport header: {@code algorithm=MD5, username="name", mac=base64}.
 * Parsing accepts any parameter order and white space and defaults the algorithm to MD5, as
 * deployed servers and clients do.
 */
public record HmacHeader(DigestAlgorithm algorithm, String username, String mac) {
  public static final String NAME = "x-syncml-hmac";

  public HmacHeader {
    Objects.requireNonNull(algorithm);
    Objects.requireNonNull(username);
    Objects.requireNonNull(mac);
  }

  /**
   * The header for {@code body} sent by {@code username} with {@code secret} and the peer's nonce.
   */
  public static HmacHeader sign(
      DigestAlgorithm alg, String username, String secret, byte[] nonce, byte[] body) {
    return new HmacHeader(alg, username, SyncmlDigest.hmac(alg, username, secret, nonce, body));
  }

  /**
   * Whether this header's MAC is the one {@code secret} and {@code nonce} give for {@code body}.
   */
  public boolean verifies(String secret, byte[] nonce, byte[] body) {
    return SyncmlDigest.matches(SyncmlDigest.hmac(algorithm, username, secret, nonce, body), mac);
  }

  /**
   * Parses a header value.
   *
   * @throws DmException 401 when the header is malformed: an unreadable MAC is a failed
   *     authentication
   */
  public static HmacHeader parse(String value) throws DmException {
    DigestAlgorithm alg = DigestAlgorithm.MD5;
    String user = null;
    String mac = null;
    for (String param : value.split(",")) {
      int eq = param.indexOf('=');
      if (eq <= 0) {
        throw malformed();
      }
      String key = param.substring(0, eq).trim();
      String v = param.substring(eq + 1).trim();
      switch (key.toLowerCase(java.util.Locale.ROOT)) {
        case "algorithm" ->
            alg = DigestAlgorithm.fromHeaderName(v).orElseThrow(HmacHeader::malformed);
        case "username" -> user = unquote(v);
        case "mac" -> mac = v;
        default -> {
          // Unknown parameters are ignored, as deployed implementations do.
        }
      }
    }
    if (user == null || mac == null || mac.isEmpty()) {
      throw malformed();
    }
    return new HmacHeader(alg, user, mac);
  }

  private static String unquote(String v) {
    return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")
        ? v.substring(1, v.length() - 1)
        : v;
  }

  private static DmException malformed() {
    return new DmException(StatusCode.UNAUTHORIZED, "malformed " + NAME + " header");
  }

  /** The header value as sent. */
  public String value() {
    return "algorithm=" + algorithm.headerName() + ", username=\"" + username + "\", mac=" + mac;
  }
}
