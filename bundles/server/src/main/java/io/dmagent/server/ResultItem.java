package io.dmagent.server;

import java.util.Objects;
import java.util.Optional;

/**
 * A value the device sent: a Results item for a Get, a DevInfo leaf of package 1, or an item of an
 * alert. Large objects arrive here whole, their chunks joined.
 */
public record ResultItem(String uri, Optional<String> format, Optional<String> type, String data) {
  public ResultItem {
    Objects.requireNonNull(uri);
    Objects.requireNonNull(format);
    Objects.requireNonNull(type);
    Objects.requireNonNull(data);
  }

  @Override
  public String toString() {
    return uri + " = " + data + format.map(f -> " (" + f + ")").orElse("");
  }
}
