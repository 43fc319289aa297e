package io.dmagent.server.delegation;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The delegation peers of a configured reference server: {@code ServerID=<base64 key>} entries (a
 * {@code .cfg} file gives them as one comma-separated string). An entry that does not parse, or a
 * key shorter than 16 bytes, is left out with one log line that names the peer, never the key.
 */
public final class PeerKeys {
  private PeerKeys() {}

  public static Map<String, byte[]> parse(String[] values, Consumer<String> log) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (String entry : String.join(",", values).split(",")) {
      String e = entry.strip();
      if (e.isEmpty()) {
        continue;
      }
      int eq = e.indexOf('=');
      String peer = eq > 0 ? e.substring(0, eq).strip() : "";
      try {
        byte[] key = Base64.getDecoder().decode(e.substring(eq + 1).strip());
        if (peer.isEmpty() || key.length < 16) {
          throw new IllegalArgumentException("too short");
        }
        out.put(peer, key);
      } catch (IllegalArgumentException x) {
        log.accept(
            "delegation peer entry ignored ("
                + (peer.isEmpty() ? "no ServerID" : peer)
                + "): expected ServerID=<base64 key of 16 bytes or more>");
      }
    }
    return out;
  }
}
