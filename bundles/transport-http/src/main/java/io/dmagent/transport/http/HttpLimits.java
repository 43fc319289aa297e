package io.dmagent.transport.http;

import java.time.Duration;

/** The numbers an HTTP session works within; immutable. */
record HttpLimits(
    Duration connectTimeout,
    Duration readTimeout,
    int maxResponseBytes,
    String userAgent,
    Duration keepIdle) {
  /** How long a connection is kept for the next session unless configured. */
  static final Duration KEEP_IDLE = Duration.ofSeconds(30);

  HttpLimits(
      Duration connectTimeout, Duration readTimeout, int maxResponseBytes, String userAgent) {
    this(connectTimeout, readTimeout, maxResponseBytes, userAgent, KEEP_IDLE);
  }

  /**
   * Header lines and counts are bounded so a hostile server cannot make the agent buffer without
   * end.
   */
  static final int MAX_HEADER_LINE = 8 * 1024;

  static final int MAX_HEADERS = 100;

  static HttpLimits of(HttpTransportConfig config) {
    return new HttpLimits(
        Duration.ofMillis(config.connectTimeoutMillis()),
        Duration.ofMillis(config.readTimeoutMillis()),
        config.maxResponseBytes(),
        config.userAgent(),
        Duration.ofSeconds(Math.max(0, config.keepIdleSeconds())));
  }
}
