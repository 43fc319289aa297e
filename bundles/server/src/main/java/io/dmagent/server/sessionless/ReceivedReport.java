package io.dmagent.server.sessionless;

import java.time.Instant;
import java.util.Objects;

/**
 * One sessionless report the server took: its id (from {@code x-dm-report-ids}), the device, the
 * alert (1226 with its type, 1224, or {@code outcome} for a command's Status and Results) and its
 * data.
 */
public record ReceivedReport(String id, String devId, String alert, String data, Instant received) {
  public ReceivedReport {
    Objects.requireNonNull(id);
    Objects.requireNonNull(devId);
    Objects.requireNonNull(alert);
    Objects.requireNonNull(data);
    Objects.requireNonNull(received);
  }
}
