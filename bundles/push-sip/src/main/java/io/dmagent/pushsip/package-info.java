/**
 * Push over SIP (DM 1.3 DM-HLF-003): a SIP user agent server on UDP and TCP that takes a push in
 * the body of a MESSAGE (or a NOTIFY with {@code Event: dm-push}), hands body and Content-Type to
 * the {@link io.dmagent.api.push.PushReceiver} and answers from its verdict. No SIP stack: a
 * bounded RFC 3261 parser, one request per UDP datagram, Content-Length framing on TCP. Installed
 * by the feature {@code dm-push-sip}.
 */
package io.dmagent.pushsip;
