package io.dmagent.protocol;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.SyncHeader;
import java.time.Duration;
import java.util.Objects;

/**
 * How the engine runs sessions: the limits it announces in every header (MaxMsgSize, MaxObjSize),
 * the encoding and protocol version of package 1, the time one exchange may take, how often and how
 * patiently a session that failed on the transport is tried again, and how many messages a session
 * may take before the agent aborts it (a server that never ends).
 */
public record SessionSettings(
    int maxMsgSize,
    long maxObjSize,
    Encoding encoding,
    String verProto,
    Duration exchangeTimeout,
    int attempts,
    Duration firstBackoff,
    Duration maxBackoff,
    int maxMessages) {
  public SessionSettings {
    if (maxMsgSize < 512) {
      throw new IllegalArgumentException("MaxMsgSize below 512 bytes cannot carry a session");
    }
    if (maxObjSize < maxMsgSize) {
      throw new IllegalArgumentException("MaxObjSize below MaxMsgSize");
    }
    Objects.requireNonNull(encoding);
    if (!verProto.equals(SyncHeader.DM_1_2) && !verProto.equals(SyncHeader.DM_1_3)) {
      throw new IllegalArgumentException("VerProto is DM/1.2 or DM/1.3");
    }
    Objects.requireNonNull(exchangeTimeout);
    if (attempts < 1 || maxMessages < 2) {
      throw new IllegalArgumentException("at least one attempt and two messages");
    }
    Objects.requireNonNull(firstBackoff);
    Objects.requireNonNull(maxBackoff);
  }

  /** 16 KB messages (libdmclient's), 1 MB objects, WBXML, DM/1.2; 30 s per exchange, 3 attempts. */
  public static SessionSettings defaults() {
    return new SessionSettings(
        16384,
        1 << 20,
        Encoding.WBXML,
        SyncHeader.DM_1_2,
        Duration.ofSeconds(30),
        3,
        Duration.ofSeconds(5),
        Duration.ofMinutes(5),
        200);
  }

  public SessionSettings withMaxMsgSize(int value) {
    return new SessionSettings(
        value,
        Math.max(maxObjSize, value),
        encoding,
        verProto,
        exchangeTimeout,
        attempts,
        firstBackoff,
        maxBackoff,
        maxMessages);
  }

  public SessionSettings withMaxObjSize(long value) {
    return new SessionSettings(
        maxMsgSize,
        value,
        encoding,
        verProto,
        exchangeTimeout,
        attempts,
        firstBackoff,
        maxBackoff,
        maxMessages);
  }

  public SessionSettings withEncoding(Encoding value) {
    return new SessionSettings(
        maxMsgSize,
        maxObjSize,
        value,
        verProto,
        exchangeTimeout,
        attempts,
        firstBackoff,
        maxBackoff,
        maxMessages);
  }

  public SessionSettings withRetries(int attempts, Duration first, Duration max) {
    return new SessionSettings(
        maxMsgSize,
        maxObjSize,
        encoding,
        verProto,
        exchangeTimeout,
        attempts,
        first,
        max,
        maxMessages);
  }

  public SessionSettings withExchangeTimeout(Duration value) {
    return new SessionSettings(
        maxMsgSize,
        maxObjSize,
        encoding,
        verProto,
        value,
        attempts,
        firstBackoff,
        maxBackoff,
        maxMessages);
  }

  /** The back-off before attempt {@code n} (2, 3, ...): doubling from the first, capped. */
  public Duration backoff(int attempt) {
    long ms = firstBackoff.toMillis();
    for (int i = 2; i < attempt && ms < maxBackoff.toMillis(); i++) {
      ms *= 2;
    }
    return Duration.ofMillis(Math.min(ms, maxBackoff.toMillis()));
  }
}
