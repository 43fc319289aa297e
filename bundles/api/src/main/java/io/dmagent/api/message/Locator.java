package io.dmagent.api.message;

import java.util.Objects;
import java.util.Optional;

/** A {@code Target} or {@code Source}: a LocURI with an optional LocName. */
public record Locator(String locUri, Optional<String> locName) {
  public Locator {
    Objects.requireNonNull(locUri, "LocURI");
    Objects.requireNonNull(locName);
  }

  public static Locator of(String locUri) {
    return new Locator(locUri, Optional.empty());
  }

  public static Locator of(String locUri, String locName) {
    return new Locator(locUri, Optional.ofNullable(locName));
  }
}
