package io.dmagent.hw.smartcard;

import javax.smartcardio.Card;

/** How a connected card is read: {@link Pkcs15Reader} over its basic channel. */
@FunctionalInterface
interface CardReading {
  CardContent read(Card card) throws CardDataException;

  static CardReading pkcs15(int maxBootstrapBytes) {
    return card ->
        new Pkcs15Reader(card.getBasicChannel()::transmit, maxBootstrapBytes)
            .read(card.getATR().getBytes());
  }
}
