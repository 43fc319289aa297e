package io.dmagent.server.push;

import java.util.Locale;
import java.util.Optional;

/** How a push reaches a device: the four bindings of FRAMINGS.md. */
public enum PushBinding {
  HTTP,
  SIP,
  WAP,
  MQTT;

  /** {@code http}, {@code sip}, {@code wap} or {@code mqtt}. */
  public static Optional<PushBinding> named(String name) {
    for (PushBinding b : values()) {
      if (b.name().equalsIgnoreCase(name)) {
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
