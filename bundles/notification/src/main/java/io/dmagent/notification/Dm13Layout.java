package io.dmagent.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Our reading of the DM 1.3 package #0 (FRAMINGS.md, docs/CONFORMANCE.md): digest(16) first (or
 * last), the header word whose last byte counts the options, then the options in ascending number,
 * each a 16-bit header (number | length) and its value. The digest covers every other byte. Unknown
 * option numbers and MO indexes are skipped with a log line.
 */
final class Dm13Layout {
  static final int SERVER_ID = 1;
  static final int TARGETED_MO = 2;
  static final int REQUESTED_MO = 3;
  static final int PREFERRED_BEARER = 4;
  static final int CONNECT_REASON = 5;
  static final int VENDOR_INFO = 6;
  static final int EXPIRY = 7;

  private final Dm13Settings settings;
  private final Consumer<String> log;

  Dm13Layout(Dm13Settings settings, Consumer<String> log) {
    this.settings = settings;
    this.log = log;
  }

  Notification decode(byte[] b) throws MalformedNotification {
    int digestLength = Dm12Layout.DIGEST;
    if (b.length < digestLength + HeaderWord.LENGTH) {
      throw new MalformedNotification(
          "package #0 of " + b.length + " bytes, shorter than digest and header (24)");
    }
    int start = settings.digestFirst() ? digestLength : 0;
    int end = settings.digestFirst() ? b.length : b.length - digestLength;
    HeaderWord h = HeaderWord.read(b, start);
    Options options = readOptions(b, start + HeaderWord.LENGTH, end, h.last());
    if (options.serverId == null) {
      throw new MalformedNotification("DM 1.3 package #0 without a Server-ID option");
    }
    byte[] digest =
        settings.digestFirst()
            ? Arrays.copyOfRange(b, 0, digestLength)
            : Arrays.copyOfRange(b, end, b.length);
    return new Notification(
        h.version(),
        h.uiMode(),
        h.serverInitiated(),
        h.sessionId(),
        options.serverId,
        options.requestedMos,
        Optional.ofNullable(options.connectReason),
        Optional.ofNullable(options.expiry),
        digest,
        Arrays.copyOfRange(b, start, end));
  }

  /** What the options said. */
  private static final class Options {
    String serverId;
    final List<String> requestedMos = new ArrayList<>();
    String connectReason;
    Instant expiry;
  }

  private Options readOptions(byte[] b, int at, int end, int count) throws MalformedNotification {
    Options o = new Options();
    int previous = 0;
    for (int i = 0; i < count; i++) {
      if (at + 2 > end) {
        throw new MalformedNotification("option " + (i + 1) + " of " + count + " is missing");
      }
      int word = ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
      int number = word >>> settings.lengthBits();
      int length = word & ((1 << settings.lengthBits()) - 1);
      at += 2;
      if (at + length > end) {
        throw new MalformedNotification(
            "option " + number + " of " + length + " bytes runs past the end");
      }
      if (number < previous) {
        throw new MalformedNotification(
            "option " + number + " after option " + previous + ": not in ascending order");
      }
      previous = number;
      take(o, number, b, at, length);
      at += length;
    }
    if (at != end) {
      throw new MalformedNotification((end - at) + " bytes after the last option");
    }
    return o;
  }

  private void take(Options o, int number, byte[] b, int at, int length)
      throws MalformedNotification {
    switch (number) {
      case SERVER_ID -> {
        if (o.serverId != null || length == 0) {
          throw new MalformedNotification("Server-ID option repeated or empty");
        }
        o.serverId = Utf8.decode(b, at, length, "Server-ID");
      }
      case REQUESTED_MO -> {
        int index = moIndex(b, at, length);
        MoRegistry.identifier(index)
            .ifPresentOrElse(
                o.requestedMos::add,
                () -> log.accept("Requested-MO index " + index + " unknown, skipped"));
      }
      case TARGETED_MO -> {
        int index = moIndex(b, at, length);
        log.accept(
            "Targeted-MO " + MoRegistry.identifier(index).orElse("index " + index + " (unknown)"));
      }
      case PREFERRED_BEARER -> {
        if (length != 1) {
          throw new MalformedNotification("Preferred-Bearer option of " + length + " bytes");
        }
      }
      case CONNECT_REASON -> o.connectReason = Utf8.decode(b, at, length, "Connect-Reason");
      case VENDOR_INFO -> {
        // Opaque by definition: carried by the digest, read by nobody.
      }
      case EXPIRY -> o.expiry = Instant.ofEpochSecond(unsigned(b, at, length, 4, "Expiry"));
      default -> log.accept("option " + number + " unknown, skipped");
    }
  }

  private static int moIndex(byte[] b, int at, int length) throws MalformedNotification {
    if (length != 1 && length != 2) {
      throw new MalformedNotification("MO option of " + length + " bytes (1 or 2)");
    }
    return (int) unsigned(b, at, length, length, "MO index");
  }

  private static long unsigned(byte[] b, int at, int length, int expected, String what)
      throws MalformedNotification {
    if (length != expected) {
      throw new MalformedNotification(what + " option of " + length + " bytes (" + expected + ")");
    }
    long v = 0;
    for (int i = 0; i < length; i++) {
      v = (v << 8) | (b[at + i] & 0xFF);
    }
    return v;
  }
}
