package io.dmagent.hw.smartcard;

import java.io.ByteArrayOutputStream;
import java.util.List;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

/**
 * The card's file system as ISO 7816-4 commands: SELECT of the PKCS#15 application (by its AID,
 * else by the path 3F00/5015), SELECT of an EF by a PKCS#15 path, and READ BINARY of a transparent
 * EF in chunks: the even INS (B0, offset in P1-P2, at most 32 767) below 32 KB, the odd INS (B1,
 * offset data object '54', data in a '53' object) from there on, so files larger than 32 KB read
 * whole (DM-HLF-013).
 */
final class CardFiles {
  static final byte[] PKCS15_AID = {
    (byte) 0xA0, 0x00, 0x00, 0x00, 0x63, 0x50, 0x4B, 0x43, 0x53, 0x2D, 0x31, 0x35
  };
  static final byte[] PKCS15_DF = {0x50, 0x15};

  /** The largest offset the even READ BINARY can address: P1-P2 has fifteen bits. */
  static final int MAX_EVEN_OFFSET = 0x7FFF;

  private static final int CHUNK = 256;
  private static final int SELECT = 0xA4;
  private static final int BY_AID = 0x04;
  private static final int BY_PATH_FROM_MF = 0x08;
  private static final int BY_PATH_FROM_DF = 0x09;
  private static final int RETURN_FCP = 0x04;
  private static final int NO_RESPONSE_DATA = 0x0C;

  private final ApduChannel channel;
  private CommandAPDU selectApplication;

  CardFiles(ApduChannel channel) {
    this.channel = channel;
  }

  /** Selects the PKCS#15 application: by AID, else as DF 5015 under the MF. */
  void selectApplication() throws CardDataException {
    CommandAPDU byAid = new CommandAPDU(0x00, SELECT, BY_AID, NO_RESPONSE_DATA, PKCS15_AID);
    if (transmit(byAid).getSW() == StatusWord.OK) {
      selectApplication = byAid;
      return;
    }
    CommandAPDU byPath =
        new CommandAPDU(0x00, SELECT, BY_PATH_FROM_MF, NO_RESPONSE_DATA, PKCS15_DF);
    int sw = transmit(byPath).getSW();
    if (sw != StatusWord.OK) {
      throw new CardDataException(
          "no PKCS#15 application (neither its AID nor 3F00/5015): " + StatusWord.hex(sw));
    }
    selectApplication = byPath;
  }

  /**
   * Selects the EF a path names and reads it (or the part index/length name), refusing more than
   * {@code maxBytes}.
   */
  byte[] read(Pkcs15Path path, int maxBytes) throws CardDataException {
    int size = select(path);
    int start = path.length() == Pkcs15Path.WHOLE_FILE ? 0 : path.index();
    int length;
    if (path.length() != Pkcs15Path.WHOLE_FILE) {
      length = path.length();
    } else {
      length = size < 0 ? -1 : size - start;
    }
    if (size >= 0 && (start > size || length > size - start)) {
      throw new CardDataException(path + " lies beyond the end of the file (" + size + " bytes)");
    }
    if (length > maxBytes) {
      throw new CardDataException(
          "file " + path + " holds " + length + " bytes, more than the " + maxBytes + " allowed");
    }
    return readBinary(start, length, maxBytes);
  }

  /** Selects the EF of a path; its size from the FCP, or -1 when the card gives none. */
  private int select(Pkcs15Path path) throws CardDataException {
    if (selectApplication == null) {
      throw new IllegalStateException("select the application first");
    }
    int p1 = BY_PATH_FROM_MF;
    byte[] data;
    if (path.absolute()) {
      data = path.fromMf();
    } else {
      // Relative paths count from the application's DF: make it the current DF again.
      transmit(selectApplication);
      p1 = BY_PATH_FROM_DF;
      data = path.path();
    }
    ResponseAPDU answer = transmit(new CommandAPDU(0x00, SELECT, p1, RETURN_FCP, data, CHUNK));
    if (answer.getSW() == StatusWord.FILE_NOT_FOUND) {
      throw new CardDataException("file " + path + " not found on the card");
    }
    if (answer.getSW() != StatusWord.OK) {
      // Some cards return no FCP: select without it, read until the end of the file.
      answer = transmit(new CommandAPDU(0x00, SELECT, p1, NO_RESPONSE_DATA, data));
      if (answer.getSW() != StatusWord.OK) {
        throw new CardDataException(
            "SELECT " + path + " refused: " + StatusWord.hex(answer.getSW()));
      }
      return -1;
    }
    return fileSize(answer.getData());
  }

  /** Tag 80 (or 81) of the FCP template (62, or 6F holding it): the EF's size in bytes. */
  static int fileSize(byte[] fcp) throws CardDataException {
    if (fcp.length == 0) {
      return -1;
    }
    List<Tlv> outer = BerTlv.parse(fcp);
    Tlv template = BerTlv.find(outer, 0x62);
    if (template == null) {
      template = BerTlv.find(outer, 0x6F);
    }
    if (template == null) {
      return -1;
    }
    List<Tlv> fields = template.children();
    Tlv size = BerTlv.find(fields, 0x80);
    if (size == null) {
      size = BerTlv.find(fields, 0x81);
    }
    return size == null ? -1 : size.unsignedValue();
  }

  private byte[] readBinary(int start, int length, int maxBytes) throws CardDataException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(0, Math.min(length, maxBytes)));
    int offset = start;
    while (length < 0 || out.size() < length) {
      int want = length < 0 ? CHUNK : Math.min(CHUNK, length - out.size());
      ResponseAPDU answer = transmit(readCommand(offset, want));
      int sw = answer.getSW();
      if (sw == StatusWord.WRONG_OFFSET && length < 0 && out.size() > 0) {
        break; // an EF of unknown size read to its end exactly
      }
      if (sw != StatusWord.OK && sw != StatusWord.END_OF_FILE) {
        throw new CardDataException(
            "READ BINARY at offset " + offset + " refused: " + StatusWord.hex(sw));
      }
      byte[] chunk = offset > MAX_EVEN_OFFSET ? unwrap(answer.getData()) : answer.getData();
      int take = length < 0 ? chunk.length : Math.min(chunk.length, length - out.size());
      if (out.size() + take > maxBytes) {
        throw new CardDataException("file larger than the " + maxBytes + " bytes allowed");
      }
      out.write(chunk, 0, take);
      offset += take;
      if (take == 0 || sw == StatusWord.END_OF_FILE) {
        break;
      }
    }
    if (length >= 0 && out.size() < length) {
      throw new CardDataException(
          "file ended after " + out.size() + " of its " + length + " bytes");
    }
    return out.toByteArray();
  }

  private static CommandAPDU readCommand(int offset, int want) {
    if (offset <= MAX_EVEN_OFFSET) {
      return new CommandAPDU(0x00, 0xB0, offset >> 8, offset & 0xFF, want);
    }
    // Odd INS: P1-P2 0000 is the current EF, the offset goes in data object '54' (ISO 7816-4).
    byte[] offsetObject =
        offset > 0xFFFF
            ? new byte[] {0x54, 3, (byte) (offset >> 16), (byte) (offset >> 8), (byte) offset}
            : new byte[] {0x54, 2, (byte) (offset >> 8), (byte) offset};
    return new CommandAPDU(0x00, 0xB1, 0x00, 0x00, offsetObject, CHUNK);
  }

  /** The data of an odd-INS answer: the value of its discretionary data object '53'. */
  private static byte[] unwrap(byte[] answer) throws CardDataException {
    if (answer.length == 0) {
      return answer;
    }
    List<Tlv> objects = BerTlv.parse(answer);
    if (objects.size() != 1 || objects.get(0).tag() != 0x53) {
      throw new CardDataException("odd-INS READ BINARY answer without its '53' data object");
    }
    return objects.get(0).value();
  }

  private ResponseAPDU transmit(CommandAPDU command) throws CardDataException {
    try {
      return channel.transmit(command);
    } catch (CardException | RuntimeException e) {
      throw new CardDataException("card exchange failed: " + e.getMessage());
    }
  }
}
