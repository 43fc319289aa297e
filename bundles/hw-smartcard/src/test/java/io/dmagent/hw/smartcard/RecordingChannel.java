package io.dmagent.hw.smartcard;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

/** An ApduChannel in front of another that keeps every exchange, as hex lines "C -> R". */
final class RecordingChannel implements ApduChannel {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();
  private final ApduChannel channel;
  final List<String> exchanges = new ArrayList<>();

  RecordingChannel(ApduChannel channel) {
    this.channel = channel;
  }

  @Override
  public ResponseAPDU transmit(CommandAPDU command) throws CardException {
    ResponseAPDU response = channel.transmit(command);
    exchanges.add(HEX.formatHex(command.getBytes()) + " -> " + HEX.formatHex(response.getBytes()));
    return response;
  }

  long count(String commandPrefix) {
    return exchanges.stream().filter(e -> e.startsWith(commandPrefix)).count();
  }
}
