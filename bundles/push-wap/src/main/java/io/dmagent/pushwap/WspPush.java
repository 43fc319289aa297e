package io.dmagent.pushwap;

import io.dmagent.api.push.PushContentType;

/** What a connectionless WSP push PDU carried: its transaction id, content type and body. */
record WspPush(int transactionId, PushContentType contentType, byte[] body) {}
