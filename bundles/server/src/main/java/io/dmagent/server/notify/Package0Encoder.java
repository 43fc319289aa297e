package io.dmagent.server.notify;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes package #0 in the DM 1.2 layout (digest 4.1: digest, 8-byte header, server identifier,
 * vendor bytes) or the DM 1.3 layout of FRAMINGS.md (header word with an option count, then the
 * options in ascending number), and signs it with the server's credentials for the device.
 *
 * <p>The digest covers every byte after it; in the DM 1.3 layout it comes first unless {@link
 * DigestPlace#LAST} is configured (our interpretation: the DM 1.3 text is not public).
 */
public final class Package0Encoder {
  /** Where the DM 1.3 layout puts its digest. */
  public enum DigestPlace {
    FIRST,
    LAST
  }

  static final int OPTION_SERVER_ID = 1;
  static final int OPTION_REQUESTED_MO = 3;
  static final int OPTION_PREFERRED_BEARER = 4;
  static final int OPTION_CONNECT_REASON = 5;
  static final int OPTION_VENDOR_INFO = 6;
  static final int OPTION_EXPIRY = 7;
  private static final int MAX_OPTION_LENGTH = 0xFFF;

  private final DigestPlace dm13Digest;

  public Package0Encoder(DigestPlace dm13Digest) {
    this.dm13Digest = dm13Digest;
  }

  /**
   * The notification's bytes, signed with {@code password} and {@code nonce} (the nonce the device
   * holds for the server: SRVCRED AAuthData).
   */
  public byte[] encode(NotificationFormat format, Notification n, String password, byte[] nonce) {
    byte[] trigger = format == NotificationFormat.DM12 ? dm12Trigger(n) : dm13Trigger(n);
    byte[] digest = NotificationDigest.of(n.serverId(), password, nonce, trigger);
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 + trigger.length);
    boolean last = format == NotificationFormat.DM13 && dm13Digest == DigestPlace.LAST;
    if (!last) {
      out.writeBytes(digest);
    }
    out.writeBytes(trigger);
    if (last) {
      out.writeBytes(digest);
    }
    return out.toByteArray();
  }

  /** Header (8 bytes, the last the server identifier's length), identifier, vendor bytes. */
  static byte[] dm12Trigger(Notification n) {
    byte[] id = n.serverId().getBytes(StandardCharsets.UTF_8);
    if (id.length == 0 || id.length > 0xFF) {
      throw new IllegalArgumentException("a DM 1.2 server identifier is 1 to 255 bytes");
    }
    ByteBuffer b = ByteBuffer.allocate(8 + id.length + n.vendor().length);
    b.putLong(header(n, id.length));
    b.put(id).put(n.vendor());
    return b.array();
  }

  /** Header word (its last byte the option count), then the options in ascending number. */
  static byte[] dm13Trigger(Notification n) {
    ByteArrayOutputStream options = new ByteArrayOutputStream();
    int count = 0;
    count += option(options, OPTION_SERVER_ID, n.serverId().getBytes(StandardCharsets.UTF_8));
    for (int mo : n.requestedMos()) {
      count += option(options, OPTION_REQUESTED_MO, unsigned(mo));
    }
    if (n.preferredBearer().isPresent()) {
      count +=
          option(
              options, OPTION_PREFERRED_BEARER, new byte[] {n.preferredBearer().get().byteValue()});
    }
    if (n.connectReason().isPresent()) {
      count +=
          option(
              options,
              OPTION_CONNECT_REASON,
              n.connectReason().get().getBytes(StandardCharsets.UTF_8));
    }
    if (n.vendorInfo().isPresent()) {
      count +=
          option(
              options, OPTION_VENDOR_INFO, n.vendorInfo().get().getBytes(StandardCharsets.UTF_8));
    }
    if (n.expiry().isPresent()) {
      long seconds = n.expiry().get().getEpochSecond();
      count += option(options, OPTION_EXPIRY, ByteBuffer.allocate(4).putInt((int) seconds).array());
    }
    if (count > 0xFF) {
      throw new IllegalArgumentException("at most 255 options: " + count);
    }
    ByteBuffer b = ByteBuffer.allocate(8 + options.size());
    b.putLong(header(n, count));
    b.put(options.toByteArray());
    return b.array();
  }

  /** The 64-bit header word; {@code last} is its lowest byte (identifier length or count). */
  private static long header(Notification n, int last) {
    return ((long) n.version() << 54)
        | ((long) n.uiMode().code() << 52)
        | ((n.serverInitiated() ? 1L : 0L) << 51)
        | ((long) n.sessionId() << 8)
        | last;
  }

  private static int option(ByteArrayOutputStream out, int number, byte[] value) {
    if (value.length > MAX_OPTION_LENGTH) {
      throw new IllegalArgumentException(
          "option " + number + " is " + value.length + " bytes, at most " + MAX_OPTION_LENGTH);
    }
    int word = number << 12 | value.length;
    out.write(word >>> 8);
    out.write(word & 0xFF);
    out.writeBytes(value);
    return 1;
  }

  /** A registry index: one byte when it fits, else two, big-endian. */
  private static byte[] unsigned(int index) {
    if (index < 0 || index > 0xFFFF) {
      throw new IllegalArgumentException("registry index is 16 bits: " + index);
    }
    return index <= 0xFF
        ? new byte[] {(byte) index}
        : new byte[] {(byte) (index >>> 8), (byte) index};
  }
}
