package io.dmagent.pushsip;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * What becomes of a request that breaks framing or syntax: one log line, and the 400 (or 513) when
 * its headers allow a response to be formed, else nothing (RFC 3261 needs Via, From, To, Call-ID
 * and CSeq to answer).
 */
final class Refusal {
  private Refusal() {}

  static Optional<byte[]> answer(SipFormatException fault, String origin, Consumer<String> log) {
    if (!fault.headers().answerable()) {
      log.accept("SIP request from " + origin + " dropped: " + fault.getMessage());
      return Optional.empty();
    }
    log.accept(
        "SIP request from " + origin + " refused (" + fault.status() + "): " + fault.getMessage());
    return Optional.of(
        SipResponse.of(fault.status()).warning(fault.getMessage()).encode(fault.headers()));
  }
}
