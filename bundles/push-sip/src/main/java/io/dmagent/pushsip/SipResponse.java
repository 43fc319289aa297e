package io.dmagent.pushsip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A response to one request as RFC 3261 8.2.6 forms it: every Via in order, From, Call-ID and CSeq
 * copied, To copied with a tag added when it has none (the same tag for a retransmission), the
 * extra fields, {@code Content-Length: 0} and no body. The reason of a refusal travels in a {@code
 * Warning: 399} field, never the request's bytes.
 */
final class SipResponse {
  private static final int MAX_WARNING = 120;

  private final int status;
  private final List<String> extra = new ArrayList<>();

  private SipResponse(int status) {
    this.status = status;
  }

  static SipResponse of(int status) {
    return new SipResponse(status);
  }

  int status() {
    return status;
  }

  SipResponse with(String name, String value) {
    extra.add(name + ": " + value);
    return this;
  }

  /** A {@code Warning: 399 dmagent "..."} field with the reason in a quoted string's safe text. */
  SipResponse warning(String reason) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < reason.length() && text.length() < MAX_WARNING; i++) {
      char c = reason.charAt(i);
      text.append(c < 0x20 || c > 0x7e || c == '"' || c == '\\' ? '?' : c);
    }
    return with("Warning", "399 dmagent \"" + text + "\"");
  }

  /** The response's bytes; the headers must be {@link SipHeaders#answerable()}. */
  byte[] encode(SipHeaders request) {
    StringBuilder out = new StringBuilder(256);
    out.append("SIP/2.0 ").append(status).append(' ').append(SipStatus.phrase(status));
    out.append("\r\n");
    for (String via : request.all(SipHeaders.VIA)) {
      line(out, "Via", via);
    }
    String from = request.first(SipHeaders.FROM).orElseThrow();
    String callId = request.first(SipHeaders.CALL_ID).orElseThrow();
    line(out, "From", from);
    line(out, "To", tagged(request.first(SipHeaders.TO).orElseThrow(), from, callId));
    line(out, "Call-ID", callId);
    line(out, "CSeq", request.first(SipHeaders.CSEQ).orElseThrow());
    extra.forEach(field -> out.append(field).append("\r\n"));
    out.append("Content-Length: 0\r\n\r\n");
    return out.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static void line(StringBuilder out, String name, String value) {
    out.append(name).append(": ").append(value).append("\r\n");
  }

  /**
   * RFC 3261 8.2.6.2: a UAS adds a To tag; derived from the request so a retransmission gets it.
   */
  private static String tagged(String to, String from, String callId) {
    String bare = to.toLowerCase(java.util.Locale.ROOT).replace(" ", "").replace("\t", "");
    if (bare.contains(";tag=")) {
      return to;
    }
    return to + ";tag=dm" + Integer.toHexString((callId + '\n' + from).hashCode());
  }
}
