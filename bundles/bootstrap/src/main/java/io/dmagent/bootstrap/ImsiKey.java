package io.dmagent.bootstrap;

/**
 * The NETWPIN key: the IMSI in semi-octet (BCD) form as ProvBoot defines it. The digit string is
 * prefixed with {@code 9} when its length is odd, else with {@code 1} and followed by {@code F};
 * then each pair of digits is stored with its first digit in the low nibble. So the first byte
 * holds the first IMSI digit in its high nibble and the IMSI type (1, with bit 3 set when odd) in
 * its low nibble.
 */
final class ImsiKey {
  private ImsiKey() {}

  static byte[] semiOctets(String imsi) {
    if (imsi.isEmpty() || !imsi.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("an IMSI is a string of decimal digits");
    }
    String digits = imsi.length() % 2 == 1 ? "9" + imsi : "1" + imsi + "F";
    byte[] key = new byte[digits.length() / 2];
    for (int i = 0; i < key.length; i++) {
      int first = Character.digit(digits.charAt(2 * i), 16);
      int second = Character.digit(digits.charAt(2 * i + 1), 16);
      key[i] = (byte) ((second << 4) | first);
    }
    return key;
  }
}
