package io.dmagent.hw.smartcard;

import java.security.NoSuchAlgorithmException;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactory;

/**
 * The readers as the JDK's "PC/SC" provider shows them. Creating it loads libpcsclite and connects
 * to pcscd, so it fails while pcscd is not running (SCARD_E_NO_SERVICE) or the library is missing:
 * it is tried again at every look until it works, then kept.
 */
final class PcscTerminals implements TerminalsSource {
  private CardTerminals terminals;

  @Override
  public CardTerminals open() throws CardException {
    if (terminals == null) {
      try {
        terminals = TerminalFactory.getInstance("PC/SC", null).terminals();
      } catch (NoSuchAlgorithmException | RuntimeException e) {
        throw new CardException("PC/SC not available", e);
      }
    }
    return terminals;
  }
}
