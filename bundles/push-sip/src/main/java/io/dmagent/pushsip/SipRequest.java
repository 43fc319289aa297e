package io.dmagent.pushsip;

/** One SIP request as read from the wire: request line, headers, body. */
record SipRequest(String method, String uri, SipHeaders headers, byte[] body) {}
