package io.dmagent.pushwap;

import io.dmagent.api.push.PushContentType;

/**
 * What a connectionless WSP push PDU carried: its transaction id, content type, the content type's
 * security parameters as MIME parameters ({@code "; SEC=0; MAC=4f2a..."} or empty) and its body.
 */
record WspPush(int transactionId, PushContentType contentType, String parameters, byte[] body) {

  /** The content type with its parameters, as the push receiver takes it. */
  String mimeType() {
    return contentType.mimeType() + parameters;
  }
}
