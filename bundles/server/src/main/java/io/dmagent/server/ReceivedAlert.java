package io.dmagent.server;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An alert the device sent in a session: a Generic Alert (1226), a Client Event (1224) or another
 * code, with its Correlator and items (Source, Meta Type, Format and Mark, Data).
 */
public record ReceivedAlert(int code, Optional<String> correlator, List<AlertItem> items) {
  public ReceivedAlert {
    Objects.requireNonNull(correlator);
    items = List.copyOf(items);
  }

  /** One item of an alert. */
  public record AlertItem(
      Optional<String> source,
      Optional<String> type,
      Optional<String> format,
      Optional<String> mark,
      String data) {
    public AlertItem {
      Objects.requireNonNull(source);
      Objects.requireNonNull(type);
      Objects.requireNonNull(format);
      Objects.requireNonNull(mark);
      Objects.requireNonNull(data);
    }
  }
}
