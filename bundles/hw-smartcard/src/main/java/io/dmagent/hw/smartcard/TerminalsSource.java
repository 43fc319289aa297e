package io.dmagent.hw.smartcard;

import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminals;

/** Where the readers come from; failing while PC/SC is not (yet) there. */
@FunctionalInterface
interface TerminalsSource {
  CardTerminals open() throws CardException;
}
