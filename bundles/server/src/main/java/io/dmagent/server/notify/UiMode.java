package io.dmagent.server.notify;

import java.util.Locale;
import java.util.Optional;

/** The ui-mode field of package #0 (digest 4.1): what the device shows before the session. */
public enum UiMode {
  NOT_SPECIFIED(0),
  BACKGROUND(1),
  INFORMATIVE(2),
  INTERACTIVE(3);

  private final int code;

  UiMode(int code) {
    this.code = code;
  }

  /** The 2-bit value on the wire. */
  public int code() {
    return code;
  }

  /** {@code background}, {@code informative} or {@code interactive}, as the console takes them. */
  public static Optional<UiMode> named(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "background" -> Optional.of(BACKGROUND);
      case "informative" -> Optional.of(INFORMATIVE);
      case "interactive" -> Optional.of(INTERACTIVE);
      case "unspecified" -> Optional.of(NOT_SPECIFIED);
      default -> Optional.empty();
    };
  }
}
