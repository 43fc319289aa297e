package io.dmagent.download;

import java.time.Duration;

/** The bounds and retry rules every download of the service follows. */
record Limits(long maxBytes, int retries, Backoff backoff, Duration idleTimeout) {
  static Limits of(DownloadConfig config) {
    return new Limits(
        Math.max(1, config.maxBytes()),
        Math.max(0, config.retries()),
        new Backoff(config.retryInitialMillis(), config.retryMaxMillis()),
        Duration.ofSeconds(Math.max(1, config.idleTimeoutSeconds())));
  }
}
