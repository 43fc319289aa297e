package io.dmagent.hw.smartcard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

/**
 * A card replayed from an exchange recorded on the real stack (lines "COMMAND -> RESPONSE" in hex),
 * or written by hand: each command must be the next one expected, and gets its response.
 */
final class ScriptedChannel implements ApduChannel {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();
  private final List<String[]> script;
  private int next;

  ScriptedChannel(List<String> lines) {
    script = new ArrayList<>();
    for (String line : lines) {
      if (!line.isBlank()) {
        String[] parts = line.replace(" ", "").split("->");
        script.add(new String[] {parts[0].toUpperCase(), parts[1].toUpperCase()});
      }
    }
  }

  static List<String> recorded(String resource) throws IOException {
    try (InputStream in = ScriptedChannel.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
    }
  }

  @Override
  public ResponseAPDU transmit(CommandAPDU command) {
    String sent = HEX.formatHex(command.getBytes());
    assertThat(next).as("a command after the script's end: " + sent).isLessThan(script.size());
    String[] exchange = script.get(next++);
    assertThat(sent).as("command " + next).isEqualTo(exchange[0]);
    return new ResponseAPDU(HEX.parseHex(exchange[1]));
  }

  boolean finished() {
    return next == script.size();
  }
}
