package io.dmagent.hw.smartcard;

import io.dmagent.api.log.WireText;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Reads the DM bootstrap objects of a PKCS#15 card: EF(ODF) (5031 in the application's DF) names
 * the EF(DODF)s ({@code [7] dataObjects}); in them every object that holds the OID 2.23.43.7.1
 * followed by a {@code Path} names EF(DM_Bootstrap), and one followed by a URL (a {@code
 * ReferencedValue} url: IA5String, PrintableString or UTF8String) names a bootstrap server. The
 * card's id comes from EF(TokenInfo) (5032). Every TLV is parsed bounded; anything malformed fails
 * the whole read.
 */
final class Pkcs15Reader {
  /** DER of the OID 2.23.43.7.1 (the WAP forum's "DM bootstrap" arc), tag and length excluded. */
  static final byte[] DM_BOOTSTRAP_OID = {0x67, 0x2B, 0x07, 0x01};

  private static final Pkcs15Path ODF = new Pkcs15Path(new byte[] {0x50, 0x31}, 0, -1);
  private static final Pkcs15Path TOKEN_INFO = new Pkcs15Path(new byte[] {0x50, 0x32}, 0, -1);

  /** EF(ODF), EF(DODF) and EF(TokenInfo) are directories, not content: a few hundred bytes. */
  private static final int MAX_DIRECTORY_BYTES = 16 * 1024;

  private static final int MAX_DEPTH = 8;
  private static final int MAX_URL_CHARS = 2048;

  private final CardFiles files;
  private final int maxBootstrapBytes;

  Pkcs15Reader(ApduChannel channel, int maxBootstrapBytes) {
    this.files = new CardFiles(channel);
    this.maxBootstrapBytes = maxBootstrapBytes;
  }

  /** Reads the card; {@code atr} names it when it has no EF(TokenInfo). */
  CardContent read(byte[] atr) throws CardDataException {
    files.selectApplication();
    String cardId = cardId(atr);
    List<Pkcs15Path> bootstrapFiles = new ArrayList<>();
    List<URI> servers = new ArrayList<>();
    for (Pkcs15Path dodf : dodfPaths(files.read(ODF, MAX_DIRECTORY_BYTES))) {
      collect(BerTlv.parse(files.read(dodf, MAX_DIRECTORY_BYTES)), 0, bootstrapFiles, servers);
    }
    if (bootstrapFiles.size() > 1) {
      throw new CardDataException(
          bootstrapFiles.size() + " EF(DM_Bootstrap) paths on one card: " + bootstrapFiles);
    }
    Optional<byte[]> bootstrap =
        bootstrapFiles.isEmpty()
            ? Optional.empty()
            : Optional.of(files.read(bootstrapFiles.get(0), maxBootstrapBytes));
    return new CardContent(cardId, bootstrap, servers);
  }

  /** The paths of the ODF's {@code [7] dataObjects} entries (A7 holding a Path). */
  static List<Pkcs15Path> dodfPaths(byte[] odf) throws CardDataException {
    List<Pkcs15Path> paths = new ArrayList<>();
    for (Tlv entry : BerTlv.parse(odf)) {
      if (entry.tag() != 0xA7) {
        continue; // keys, certificates, authentication objects: not ours
      }
      List<Tlv> inside = entry.children();
      if (inside.size() != 1) {
        throw new CardDataException("an ODF dataObjects entry that is not one Path");
      }
      paths.add(Pkcs15Path.parse(inside.get(0)));
    }
    return paths;
  }

  /**
   * Walks the DODF's objects (opaqueDO 30, externalIDO A0, oidDO A1 and what they contain) for the
   * OID 2.23.43.7.1 and the value that follows it.
   */
  static void collect(List<Tlv> objects, int depth, List<Pkcs15Path> files, List<URI> servers)
      throws CardDataException {
    if (depth > MAX_DEPTH) {
      throw new CardDataException("DODF objects nested deeper than " + MAX_DEPTH);
    }
    for (int i = 0; i < objects.size(); i++) {
      Tlv object = objects.get(i);
      if (object.tag() == 0x06 && Arrays.equals(object.value(), DM_BOOTSTRAP_OID)) {
        if (i + 1 == objects.size()) {
          throw new CardDataException("OID 2.23.43.7.1 followed by no value");
        }
        Tlv value = objects.get(++i);
        if (value.tag() == 0x30) {
          files.add(Pkcs15Path.parse(value));
        } else {
          servers.add(url(value));
        }
      } else if (object.constructed()) {
        collect(object.children(), depth + 1, files, servers);
      }
    }
  }

  private static URI url(Tlv value) throws CardDataException {
    if (value.tag() != 0x16 && value.tag() != 0x13 && value.tag() != 0x0C) {
      throw new CardDataException(
          String.format("OID 2.23.43.7.1 followed by %X, neither a Path nor a URL", value.tag()));
    }
    if (value.valueLength() > MAX_URL_CHARS) {
      throw new CardDataException("a bootstrap server URL of " + value.valueLength() + " bytes");
    }
    String text = new String(value.value(), StandardCharsets.UTF_8);
    try {
      URI uri = new URI(text);
      if (!uri.isAbsolute() || uri.getHost() == null) {
        throw new URISyntaxException(text, "not an absolute URL with a host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new CardDataException("bootstrap server URL " + WireText.quote(text) + " is not a URL");
    }
  }

  /** EF(TokenInfo)'s serialNumber (text if printable, else hex), else the ATR in hex. */
  private String cardId(byte[] atr) throws CardDataException {
    byte[] serial;
    try {
      List<Tlv> tokenInfo = BerTlv.parse(files.read(TOKEN_INFO, MAX_DIRECTORY_BYTES));
      Tlv sequence = BerTlv.find(tokenInfo, 0x30);
      Tlv number = sequence == null ? null : BerTlv.find(sequence.children(), 0x04);
      serial = number == null ? new byte[0] : number.value();
    } catch (CardDataException noTokenInfo) {
      serial = new byte[0];
    }
    if (serial.length == 0) {
      return "ATR-" + HexFormat.of().withUpperCase().formatHex(atr);
    }
    return printable(serial) ? new String(serial, StandardCharsets.US_ASCII) : hex(serial);
  }

  private static boolean printable(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0x21 || b > 0x7E || b == '/') {
        return false;
      }
    }
    return bytes.length <= 64;
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().withUpperCase().formatHex(bytes, 0, Math.min(bytes.length, 32));
  }
}
