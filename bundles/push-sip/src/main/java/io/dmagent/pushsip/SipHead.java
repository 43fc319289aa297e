package io.dmagent.pushsip;

/** A request line and its header fields, before the body is read. */
record SipHead(String method, String uri, SipHeaders headers) {

  SipRequest withBody(byte[] body) {
    return new SipRequest(method, uri, headers, body);
  }
}
