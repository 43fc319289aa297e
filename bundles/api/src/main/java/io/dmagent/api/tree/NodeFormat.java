package io.dmagent.api.tree;

import java.util.Locale;
import java.util.Optional;

/** Values of the Format property and of Meta Format (TND 1.3). */
public enum NodeFormat {
  B64,
  BIN,
  BOOL,
  CHR,
  INT,
  NODE,
  NULL,
  XML,
  DATE,
  TIME,
  FLOAT;

  /** The lower-case name used on the wire and in DDFs. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<NodeFormat> fromWireName(String name) {
    for (NodeFormat f : values()) {
      if (f.wireName().equals(name)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return wireName();
  }
}
