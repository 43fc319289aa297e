package io.dmagent.bootstrap;

import java.util.Locale;
import java.util.Optional;

/**
 * The {@code SEC} parameter of a bootstrap message: the numeric values of Client Provisioning
 * (ProvBoot: 0 NETWPIN, 1 USERPIN, 2 USERNETWPIN, 3 USERPINMAC) and the names of the DM Security
 * text (NETWORKID, USERPIN, USERPIN_NETWORKID). Both spellings are taken for both profiles, as real
 * servers sign DM-profile bootstraps with the numeric scheme.
 */
enum SecurityScheme {
  /** HMAC-SHA1 keyed with the IMSI in semi-octet form. */
  NETWPIN,
  /** HMAC-SHA1 keyed with the user PIN's ASCII bytes. */
  USERPIN,
  /** HMAC-SHA1 keyed with the IMSI semi-octets followed by the PIN's ASCII bytes. */
  USERNETWPIN,
  /** The second half of the PIN the user typed is the MAC's digits (no MAC parameter). */
  USERPINMAC,
  /** DM Security: HMAC-SHA1 keyed with the shared network secret as text. */
  NETWORKID,
  /** DM Security: HMAC-SHA1 keyed with {@code PIN:secret}. */
  USERPIN_NETWORKID;

  /** The scheme a SEC value names, numeric or by name; empty for anything else. */
  static Optional<SecurityScheme> of(String sec) {
    String s = sec.trim().toUpperCase(Locale.ROOT);
    switch (s) {
      case "0":
        return Optional.of(NETWPIN);
      case "1":
        return Optional.of(USERPIN);
      case "2":
        return Optional.of(USERNETWPIN);
      case "3":
        return Optional.of(USERPINMAC);
      default:
        for (SecurityScheme scheme : values()) {
          if (scheme.name().equals(s)) {
            return Optional.of(scheme);
          }
        }
        return Optional.empty();
    }
  }

  boolean needsMacParameter() {
    return this != USERPINMAC;
  }
}
