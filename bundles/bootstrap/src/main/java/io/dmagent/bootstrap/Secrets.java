package io.dmagent.bootstrap;

import java.util.Optional;

/**
 * The secrets bootstrap MACs are keyed with, from configuration: the network secret (the IMSI's
 * digits for NETWPIN and USERNETWPIN, the shared secret of NETWORKID) and the user PIN. Never
 * printed.
 */
final class Secrets {
  private final String networkSecret;
  private final String userPin;

  Secrets(String networkSecret, String userPin) {
    this.networkSecret = networkSecret == null ? "" : networkSecret.trim();
    this.userPin = userPin == null ? "" : userPin.trim();
  }

  static Secrets none() {
    return new Secrets("", "");
  }

  Optional<String> networkSecret() {
    return networkSecret.isEmpty() ? Optional.empty() : Optional.of(networkSecret);
  }

  Optional<String> userPin() {
    return userPin.isEmpty() ? Optional.empty() : Optional.of(userPin);
  }

  @Override
  public String toString() {
    return "Secrets[***]";
  }
}
