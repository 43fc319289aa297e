package io.dmagent.protocol;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SessionIDs (digest 1.5): a server-initiated session takes the 16-bit id of its notification in
 * upper-case hex without leading zeros; a client-initiated one gets the next of a counter that
 * starts at a random point, so ids do not repeat across restarts soon, written the same way.
 */
final class SessionIds {
  private final AtomicInteger next =
      new AtomicInteger(ThreadLocalRandom.current().nextInt(1, 0xFFFF));

  String clientInitiated() {
    return Integer.toHexString(1 + Math.floorMod(next.getAndIncrement(), 0xFFFF))
        .toUpperCase(Locale.ROOT);
  }

  /**
   * Whether a server's SessionID names our session: the same text but for case and blanks, or the
   * same hex number (a server may echo a notified id as it sent it, with leading zeros).
   */
  static boolean same(String ours, String theirs) {
    String t = theirs.trim();
    if (ours.equalsIgnoreCase(t)) {
      return true;
    }
    try {
      return Integer.parseInt(ours, 16) == Integer.parseInt(t, 16);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The notification's id as DM wants it; kept as given when it is not hex. */
  static String serverInitiated(String notified) {
    String s = notified.trim();
    try {
      return Integer.toHexString(Integer.parseInt(s, 16)).toUpperCase(Locale.ROOT);
    } catch (NumberFormatException e) {
      return s;
    }
  }
}
