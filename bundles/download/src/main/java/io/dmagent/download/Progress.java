package io.dmagent.download;

import java.util.function.Consumer;

/** One log line each time a download passes another tenth of its announced size. */
final class Progress {
  private final String id;
  private final Consumer<String> log;
  private int loggedTenths = -1;

  Progress(String id, Consumer<String> log) {
    this.id = id;
    this.log = log;
  }

  /** Told after every chunk; logs only when a new tenth was reached. */
  void update(long received, long total) {
    if (total <= 0) {
      return;
    }
    int tenths = (int) Math.min(10, received * 10 / total);
    if (tenths > loggedTenths) {
      if (loggedTenths >= 0 || tenths > 0) {
        log.accept(
            "download " + id + ": " + tenths * 10 + " % (" + received + " of " + total + " bytes)");
      }
      loggedTenths = tenths;
    }
  }
}
