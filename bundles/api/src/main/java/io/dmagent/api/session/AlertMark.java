package io.dmagent.api.session;

import java.util.Locale;
import java.util.Optional;

/** Severity of a Generic Alert (Meta Mark); informational when none is given. */
public enum AlertMark {
  FATAL,
  CRITICAL,
  MINOR,
  WARNING,
  INFORMATIONAL,
  HARMLESS,
  INDETERMINATE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<AlertMark> fromWireName(String name) {
    for (AlertMark m : values()) {
      if (m.wireName().equals(name)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
