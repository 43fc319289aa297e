package io.dmagent.pushsip;

/**
 * A request that breaks RFC 3261 framing or syntax: its reason for the log line and the 400's
 * Warning, and the headers read so far (a 400 can be formed only when they hold Via, From, To,
 * Call-ID and CSeq).
 */
final class SipFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient SipHeaders headers;
  private final int status;

  SipFormatException(int status, String reason, SipHeaders headers) {
    super(reason, null, false, false);
    this.status = status;
    this.headers = headers;
  }

  SipFormatException(String reason, SipHeaders headers) {
    this(SipStatus.BAD_REQUEST, reason, headers);
  }

  /** The headers read before the fault (possibly empty). */
  SipHeaders headers() {
    return headers;
  }

  /** The status to answer with: 400, or 513 for a request over the size bound. */
  int status() {
    return status;
  }
}
