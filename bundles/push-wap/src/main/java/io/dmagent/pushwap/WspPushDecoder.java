package io.dmagent.pushwap;

import io.dmagent.api.log.WireText;
import io.dmagent.api.push.PushContentType;
import java.util.Arrays;
import java.util.Locale;

/**
 * Decodes a connectionless WSP push PDU (WAP-230 section 8.2.4.1) as one UDP datagram carries it,
 * without the SMS user data header: {@code TID(1) PDU-type(1) headers-length(uintvar) content-type
 * headers body}. Only pushes for the DM client are taken: an X-WAP-Application-Id of 0x07 ({@code
 * x-wap-application:syncml.dm}) and a content type the agent knows ({@link PushContentType}).
 * Everything else fails with the reason.
 */
final class WspPushDecoder {
  /** PDU type of a push (connectionless or in a session). */
  static final int PUSH = 0x06;

  /** PDU type of a confirmed push: only within a WSP session, which a datagram never has. */
  static final int CONFIRMED_PUSH = 0x07;

  /** Well-known header field X-Wap-Application-Id (code page 1). */
  static final int X_WAP_APPLICATION_ID = 0x2F;

  /** The application id of the DM client, in its numeric and its text form. */
  static final long SYNCML_DM = 0x07;

  static final String SYNCML_DM_URI = "x-wap-application:syncml.dm";

  private static final String APPLICATION_ID_NAME = "x-wap-application-id";

  private WspPushDecoder() {}

  static WspPush decode(byte[] datagram, int length) throws MalformedPushException {
    if (length < 4) {
      throw new MalformedPushException(
          "a datagram of " + length + " octet(s) is too short for a WSP push PDU");
    }
    WspReader pdu = new WspReader(datagram, 0, length, "the PDU");
    int tid = pdu.octet();
    int type = pdu.octet();
    if (type != PUSH) {
      throw new MalformedPushException(
          type == CONFIRMED_PUSH
              ? "PDU type 0x07 (confirmed push) needs a WSP session; only connectionless pushes"
                  + " (0x06) are taken"
              : String.format("PDU type 0x%02X is not a push (0x06)", type));
    }
    long headersLength = pdu.uintvar();
    if (headersLength < 1 || headersLength > pdu.remaining()) {
      throw new MalformedPushException(
          "a headers length of "
              + headersLength
              + " goes beyond the datagram ("
              + pdu.remaining()
              + " octet(s) after it)");
    }
    WspReader headers = pdu.slice((int) headersLength, "the headers");
    PushContentType contentType = contentType(headers);
    requireDmApplication(headers);
    return new WspPush(tid, contentType, Arrays.copyOfRange(datagram, pdu.position(), length));
  }

  /**
   * Content-type-value (WAP-230 8.4.2.24): a short integer, a text string, or a value length
   * followed by either and parameters (ignored).
   */
  private static PushContentType contentType(WspReader headers) throws MalformedPushException {
    int first = headers.peek();
    if (first > WspReader.LENGTH_QUOTE) {
      return mediaType(headers);
    }
    WspReader general = headers.slice(headers.valueLength(), "the content type");
    return mediaType(general);
  }

  private static PushContentType mediaType(WspReader value) throws MalformedPushException {
    int first = value.peek();
    if (first >= 0x20 && first < 0x80) {
      String text = value.text();
      return PushContentType.fromMimeType(text)
          .orElseThrow(
              () ->
                  new MalformedPushException("content type " + WireText.quote(text) + " unknown"));
    }
    long code = value.integer();
    if (code > 0x7F) {
      throw new MalformedPushException(String.format("content type 0x%X unknown", code));
    }
    return PushContentType.fromWspCode((int) code)
        .orElseThrow(
            () -> new MalformedPushException(String.format("content type 0x%02X unknown", code)));
  }

  /**
   * Walks the headers after the content type (WAP-230 8.4.2.6) and requires an X-WAP-Application-Id
   * naming the DM client; every other header is skipped by its encoding.
   */
  private static void requireDmApplication(WspReader headers) throws MalformedPushException {
    int page = 1;
    boolean found = false;
    while (headers.remaining() > 0) {
      int b = headers.peek();
      if (b >= 0x20 && b < 0x7F) {
        // An application header: a token text name, then its value.
        String name = headers.text();
        found |= takeIf(name.toLowerCase(Locale.ROOT).equals(APPLICATION_ID_NAME), headers);
        continue;
      }
      headers.octet();
      if (b == 0x7F) {
        page = headers.octet();
      } else if (b >= 0x01 && b <= 0x1F) {
        page = b;
      } else if (b >= 0x80) {
        found |= takeIf(page == 1 && (b & 0x7F) == X_WAP_APPLICATION_ID, headers);
      } else {
        throw new MalformedPushException("a header starts with 0x00");
      }
    }
    if (!found) {
      throw new MalformedPushException("no X-WAP-Application-Id (syncml.dm, 0x07) in the headers");
    }
  }

  /** Checks the value if it is the application id's, else skips it; true if it was. */
  private static boolean takeIf(boolean applicationId, WspReader headers)
      throws MalformedPushException {
    if (applicationId) {
      requireDm(headers);
    } else {
      headers.skipValue();
    }
    return applicationId;
  }

  /** An application id: Integer-value or Uri-value (WAP-230 8.4.2.54). */
  private static void requireDm(WspReader headers) throws MalformedPushException {
    int first = headers.peek();
    if (first >= 0x20 && first < 0x80) {
      String uri = headers.text();
      if (!uri.equalsIgnoreCase(SYNCML_DM_URI)) {
        throw new MalformedPushException(
            "X-WAP-Application-Id " + WireText.quote(uri) + " is not syncml.dm");
      }
    } else {
      long id = headers.integer();
      if (id != SYNCML_DM) {
        throw new MalformedPushException(
            String.format("X-WAP-Application-Id 0x%X is not syncml.dm (0x07)", id));
      }
    }
  }
}
