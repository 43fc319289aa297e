package io.dmagent.server.sessionless;

import java.util.Locale;

/**
 * The value of an {@code x-syncml-hmac} line: {@code algorithm=<MD5|SHA-256>, username="<id>",
 * mac=<base64>} in any order, the algorithm MD5 when absent (digest 3.4).
 */
public record HmacField(EnvelopeMac algorithm, String username, String mac) {
  public String text() {
    return "algorithm=" + algorithm.headerName() + ", username=\"" + username + "\", mac=" + mac;
  }

  /**
   * @throws IllegalArgumentException when username or mac is missing or the algorithm unknown
   */
  public static HmacField parse(String value) {
    EnvelopeMac algorithm = EnvelopeMac.MD5;
    String username = null;
    String mac = null;
    for (String part : value.split(",")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String name = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      String v = part.substring(eq + 1).strip();
      switch (name) {
        case "algorithm" ->
            algorithm =
                EnvelopeMac.named(v)
                    .orElseThrow(() -> new IllegalArgumentException("unknown HMAC algorithm"));
        case "username" ->
            username =
                v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")
                    ? v.substring(1, v.length() - 1)
                    : v;
        case "mac" -> mac = v;
        default -> {}
      }
    }
    if (username == null || mac == null) {
      throw new IllegalArgumentException("x-syncml-hmac without username or mac");
    }
    return new HmacField(algorithm, username, mac);
  }
}
