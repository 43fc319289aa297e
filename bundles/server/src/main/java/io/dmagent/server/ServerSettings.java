package io.dmagent.server;

import java.time.Duration;
import java.util.Objects;

/**
 * What the server tells devices and how long it waits: its identifier (the Source of its messages),
 * the largest message and object it accepts (sent as MaxMsgSize and MaxObjSize), and how long an
 * idle session is kept.
 */
record ServerSettings(String serverId, int maxMsgSize, long maxObjSize, Duration sessionTimeout) {
  ServerSettings {
    Objects.requireNonNull(serverId);
    Objects.requireNonNull(sessionTimeout);
  }
}
