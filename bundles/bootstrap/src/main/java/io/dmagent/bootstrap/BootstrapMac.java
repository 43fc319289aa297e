package io.dmagent.bootstrap;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the MAC of a signed bootstrap message (HMAC-SHA1 over the body, key by its SEC scheme; see
 * {@link SecurityScheme}). Comparisons take constant time; no key or MAC leaves this class.
 */
final class BootstrapMac {
  private final Secrets secrets;

  BootstrapMac(Secrets secrets) {
    this.secrets = secrets;
  }

  /** Whether {@code body} carries a valid MAC; the reason of a refusal otherwise. */
  void verify(BootstrapContentType type, byte[] body) throws Refusal {
    String sec = type.sec().orElseThrow(() -> Refusal.notAuthentic("the message is not signed"));
    SecurityScheme scheme =
        SecurityScheme.of(sec).orElseThrow(() -> Refusal.notAuthentic("unknown SEC scheme"));
    if (scheme == SecurityScheme.USERPINMAC) {
      verifyPinMac(body);
      return;
    }
    String macHex =
        type.mac().orElseThrow(() -> Refusal.notAuthentic("SEC " + scheme + " without a MAC"));
    byte[] expected;
    try {
      expected = HexFormat.of().parseHex(macHex.trim());
    } catch (IllegalArgumentException e) {
      throw Refusal.notAuthentic("the MAC is not hexadecimal");
    }
    byte[] actual = hmac(key(scheme), body);
    if (!MessageDigest.isEqual(actual, expected)) {
      throw Refusal.notAuthentic("the MAC (SEC " + scheme + ") does not verify");
    }
  }

  /** The HMAC key of {@code scheme} from the configured secrets. */
  byte[] key(SecurityScheme scheme) throws Refusal {
    return switch (scheme) {
      case NETWPIN -> imsi();
      case USERPIN -> pin().getBytes(StandardCharsets.US_ASCII);
      case USERNETWPIN -> concat(imsi(), pin().getBytes(StandardCharsets.US_ASCII));
      case NETWORKID -> network().getBytes(StandardCharsets.UTF_8);
      case USERPIN_NETWORKID -> (pin() + ":" + network()).getBytes(StandardCharsets.UTF_8);
      case USERPINMAC -> throw new IllegalArgumentException("USERPINMAC has no fixed key");
    };
  }

  /**
   * USERPINMAC: the PIN typed is {@code K || m} in halves of equal length; digit i of m must be
   * {@code HMAC-SHA1(K, body)[i] mod 10}.
   */
  private void verifyPinMac(byte[] body) throws Refusal {
    String pin = pin();
    if (pin.length() % 2 != 0 || !pin.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw Refusal.notAuthentic("USERPINMAC needs a PIN of an even number of digits");
    }
    int half = pin.length() / 2;
    byte[] mac = hmac(pin.substring(0, half).getBytes(StandardCharsets.US_ASCII), body);
    if (half > mac.length) {
      throw Refusal.notAuthentic("USERPINMAC PIN longer than the MAC");
    }
    byte[] expected = new byte[half];
    byte[] typed = new byte[half];
    for (int i = 0; i < half; i++) {
      expected[i] = (byte) ('0' + (mac[i] & 0xFF) % 10);
      typed[i] = (byte) pin.charAt(half + i);
    }
    if (!MessageDigest.isEqual(expected, typed)) {
      throw Refusal.notAuthentic("the PIN (SEC USERPINMAC) does not verify");
    }
  }

  /** The digits of USERPINMAC for a key half: what a server shows its user. */
  static String pinMacDigits(String keyHalf, byte[] body) {
    byte[] mac = hmac(keyHalf.getBytes(StandardCharsets.US_ASCII), body);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < keyHalf.length(); i++) {
      s.append((mac[i] & 0xFF) % 10);
    }
    return s.toString();
  }

  static byte[] hmac(byte[] key, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA1"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
    }
  }

  private byte[] imsi() throws Refusal {
    String secret = network();
    try {
      return ImsiKey.semiOctets(secret);
    } catch (IllegalArgumentException e) {
      throw Refusal.notAuthentic("the configured network secret is no IMSI");
    }
  }

  private String network() throws Refusal {
    Optional<String> s = secrets.networkSecret();
    return s.orElseThrow(() -> Refusal.notAuthentic("no network secret is configured"));
  }

  private String pin() throws Refusal {
    return secrets.userPin().orElseThrow(() -> Refusal.notAuthentic("no user PIN is configured"));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = new byte[a.length + b.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
