package io.dmagent.notification;

import java.time.Duration;
import java.util.Set;

/** What {@link NotificationReceiver} takes from the configuration, checked and bounded. */
record ReceiverSettings(
    int maxMessageSize,
    Dm13Settings dm13,
    Set<Integer> knownVersions,
    boolean refuseUnknownVersions,
    Duration duplicateWindow,
    int duplicateCapacity,
    int rateBurst,
    double ratePerSecond,
    Duration confirmTime) {
  static final ReceiverSettings DEFAULTS =
      new ReceiverSettings(
          65536,
          Dm13Settings.DEFAULTS,
          Set.of(11, 12, 13),
          false,
          Duration.ofSeconds(60),
          1024,
          5,
          1.0,
          Duration.ofSeconds(60));

  ReceiverSettings {
    knownVersions = Set.copyOf(knownVersions);
  }

  static ReceiverSettings of(NotificationConfig c) {
    Set<Integer> versions = new java.util.HashSet<>();
    for (int v : c.knownVersions()) {
      versions.add(v);
    }
    return new ReceiverSettings(
        Math.max(64, c.maxMessageSize()),
        new Dm13Settings(
            !"last".equalsIgnoreCase(c.dm13DigestPosition().trim()), c.dm13OptionNumberBits()),
        versions,
        c.refuseUnknownVersions(),
        Duration.ofSeconds(Math.max(0, c.duplicateWindowSeconds())),
        Math.max(1, c.duplicateCapacity()),
        c.rateBurst(),
        c.ratePerSecond(),
        Duration.ofSeconds(Math.max(1, c.confirmSeconds())));
  }
}
