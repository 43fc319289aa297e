package io.dmagent.hw.smartcard;

/**
 * The card answered something this reader cannot use: malformed PKCS#15 data, a status word that
 * refuses a step, a file larger than allowed. Its message is fit for one log line (card data only
 * through {@code WireText}); nothing from such a card is applied.
 */
final class CardDataException extends Exception {
  private static final long serialVersionUID = 1L;

  CardDataException(String message) {
    super(message);
  }
}
