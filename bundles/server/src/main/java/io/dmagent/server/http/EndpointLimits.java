package io.dmagent.server.http;

import java.time.Duration;

/**
 * How much of the server one client, and all of them together, may hold: the bounds that keep a
 * slow or hostile client from starving the server or filling the heap it shares with the agent.
 *
 * @param maxBody the largest request body read; a larger one is answered 413 unread
 * @param idle how long a kept-alive connection may wait for its next request
 * @param maxConnections connections served at once (one worker thread each)
 * @param maxPerAddress connections served at once for one client address
 * @param headDeadline time from accepting a connection to the end of its TLS handshake and request
 *     head, and from a later request's first byte to the end of its head: a client that dribbles
 *     bytes is cut off when it passes, however often it sends
 * @param minBodyRate bytes per second a body must at least arrive at: its deadline is {@code
 *     headDeadline} plus its length at this rate
 * @param maxBuffered bytes of request bodies held in memory at once over all connections; a request
 *     that would pass it waits briefly, then gets 503
 */
public record EndpointLimits(
    int maxBody,
    Duration idle,
    int maxConnections,
    int maxPerAddress,
    Duration headDeadline,
    int minBodyRate,
    long maxBuffered) {

  public EndpointLimits {
    if (maxBody < 0
        || maxConnections < 1
        || maxPerAddress < 1
        || minBodyRate < 1
        || maxBuffered < maxBody
        || idle.isNegative()
        || headDeadline.isNegative()
        || headDeadline.isZero()) {
      throw new IllegalArgumentException("endpoint limits out of range: " + this);
    }
  }

  /**
   * The shipped bounds for a server with messages up to {@code maxBody}: 30 s idle, 32 connections,
   * 8 per address, 10 s for handshake and head, bodies at 16 KiB/s or faster, four of the largest
   * bodies in memory at once.
   */
  public static EndpointLimits defaults(int maxBody) {
    return new EndpointLimits(
        maxBody, Duration.ofSeconds(30), 32, 8, Duration.ofSeconds(10), 16 * 1024, 4L * maxBody);
  }

  public EndpointLimits withIdle(Duration value) {
    return new EndpointLimits(
        maxBody, value, maxConnections, maxPerAddress, headDeadline, minBodyRate, maxBuffered);
  }

  public EndpointLimits withMaxConnections(int value) {
    return new EndpointLimits(
        maxBody,
        idle,
        value,
        Math.min(maxPerAddress, value),
        headDeadline,
        minBodyRate,
        maxBuffered);
  }

  public EndpointLimits withMaxPerAddress(int value) {
    return new EndpointLimits(
        maxBody, idle, maxConnections, value, headDeadline, minBodyRate, maxBuffered);
  }

  public EndpointLimits withHeadDeadline(Duration value) {
    return new EndpointLimits(
        maxBody, idle, maxConnections, maxPerAddress, value, minBodyRate, maxBuffered);
  }

  public EndpointLimits withMaxBuffered(long value) {
    return new EndpointLimits(
        maxBody, idle, maxConnections, maxPerAddress, headDeadline, minBodyRate, value);
  }

  /** How long a body of {@code length} bytes may take to arrive. */
  Duration bodyDeadline(long length) {
    return headDeadline.plusMillis(length * 1000 / minBodyRate);
  }
}
