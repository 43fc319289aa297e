package io.dmagent.hw.smartcard;

import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

/**
 * Where command APDUs go: a card's basic channel ({@code card.getBasicChannel()::transmit}, which
 * also answers 61xx and 6Cxx itself) or, in tests, a recorded exchange.
 */
@FunctionalInterface
interface ApduChannel {
  ResponseAPDU transmit(CommandAPDU command) throws CardException;
}
