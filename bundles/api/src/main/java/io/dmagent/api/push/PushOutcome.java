package io.dmagent.api.push;

/**
 * What became of a push. A binding that answers its peer (HTTP, SIP) maps these onto its own status
 * codes; {@link #httpStatus()} gives the HTTP one.
 */
public enum PushOutcome {
  /** Verified; a session was asked for (or the sessionless message ran). */
  ACCEPTED(202),
  /** Verified; the server has a session running, so another follows it. */
  QUEUED(202),
  /** The same notification again: the session it asked for is already under way. */
  DUPLICATE(200),
  /** Verified, but the user declined the session the notification asked for. */
  DECLINED(200),
  /** Not a well-formed notification or message. */
  MALFORMED(400),
  /** The digest or MAC did not verify. */
  UNAUTHENTICATED(401),
  /** No account names the server it claims to come from. */
  UNKNOWN_SERVER(404),
  /** No part of the agent takes this content type. */
  UNSUPPORTED_TYPE(415),
  /** Larger than {@link PushReceiver#maxMessageSize()}. */
  TOO_LARGE(413),
  /** Too many from that server in too short a time. */
  RATE_LIMITED(429),
  /** Its expiry has passed, or it was seen before outside its replay window. */
  EXPIRED(410);

  private final int httpStatus;

  PushOutcome(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** True when the push was taken (accepted, queued, or a duplicate of one taken). */
  public boolean taken() {
    return this == ACCEPTED || this == QUEUED || this == DUPLICATE || this == DECLINED;
  }
}
