package io.dmagent.notification;

/**
 * The choices our DM 1.3 layout makes where the public text is silent (docs/CONFORMANCE.md), each
 * configurable: where the digest lies and how an option's 16-bit header splits into number and
 * length bits.
 */
record Dm13Settings(boolean digestFirst, int optionNumberBits) {
  static final Dm13Settings DEFAULTS = new Dm13Settings(true, 4);

  Dm13Settings {
    if (optionNumberBits < 1 || optionNumberBits > 15) {
      throw new IllegalArgumentException("option number bits must be 1..15: " + optionNumberBits);
    }
  }

  int lengthBits() {
    return 16 - optionNumberBits;
  }
}
