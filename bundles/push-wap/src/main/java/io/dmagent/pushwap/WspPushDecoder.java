package io.dmagent.pushwap;

import io.dmagent.api.log.WireText;
import io.dmagent.api.push.PushContentType;
import java.util.Arrays;
import java.util.Locale;

/**
 * Decodes a connectionless WSP push PDU (WAP-230 section 8.2.4.1) as one UDP datagram carries it,
 * without the SMS user data header: {@code TID(1) PDU-type(1) headers-length(uintvar) content-type
 * headers body}. Only pushes for the DM client are taken: an X-WAP-Application-Id of 0x07 ({@code
 * x-wap-application:syncml.dm}) and a content type the agent knows ({@link PushContentType}); a
 * Client Provisioning document may also be addressed to the provisioning agent (0x02, {@code
 * x-wap-application:wml.ua}) or to none, as CP bootstrap pushes are. The well-known content-type
 * parameters SEC (0x11) and MAC (0x12) of a signed bootstrap are passed on as MIME parameters.
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

  /** The application id of the provisioning user agent, where CP bootstraps are pushed. */
  static final long PROVISIONING = 0x02;

  static final String PROVISIONING_URI = "x-wap-application:wml.ua";

  /** Well-known content-type parameters of bootstrap security (WAP-230 table 38). */
  static final int SEC = 0x11;

  static final int MAC = 0x12;

  private static final String APPLICATION_ID_NAME = "x-wap-application-id";

  /** A type with its parameters. */
  private record Typed(PushContentType type, String parameters) {}

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
    Typed contentType = contentType(headers);
    requireDmApplication(headers, isProvisioning(contentType.type()));
    return new WspPush(
        tid,
        contentType.type(),
        contentType.parameters(),
        Arrays.copyOfRange(datagram, pdu.position(), length));
  }

  private static boolean isProvisioning(PushContentType type) {
    return type == PushContentType.CP_PROVISIONING_WBXML
        || type == PushContentType.CP_PROVISIONING_XML;
  }

  /**
   * Content-type-value (WAP-230 8.4.2.24): a short integer, a text string, or a value length
   * followed by either and parameters, of which SEC and MAC are kept and the others skipped.
   */
  private static Typed contentType(WspReader headers) throws MalformedPushException {
    int first = headers.peek();
    if (first > WspReader.LENGTH_QUOTE) {
      return new Typed(mediaType(headers), "");
    }
    WspReader general = headers.slice(headers.valueLength(), "the content type");
    PushContentType type = mediaType(general);
    return new Typed(type, parameters(general));
  }

  /**
   * Parameters (WAP-230 8.4.2.4): a typed one is a well-known token and its value, an untyped one a
   * token text and an integer or text value. SEC is an integer, MAC hexadecimal text.
   */
  private static String parameters(WspReader params) throws MalformedPushException {
    StringBuilder out = new StringBuilder();
    while (params.remaining() > 0) {
      int first = params.peek();
      String name;
      if (first >= 0x20 && first < 0x80) {
        name = params.text().toUpperCase(Locale.ROOT);
      } else {
        long token = params.integer();
        name = token == SEC ? "SEC" : token == MAC ? "MAC" : "";
      }
      if (name.equals("SEC")) {
        out.append("; SEC=").append(secValue(params));
      } else if (name.equals("MAC")) {
        out.append("; MAC=").append(macValue(params));
      } else {
        params.skipValue();
      }
    }
    return out.toString();
  }

  private static String secValue(WspReader params) throws MalformedPushException {
    int first = params.peek();
    if (first >= 0x20 && first < 0x80) {
      String text = params.text();
      if (!text.matches("[0-9A-Za-z_]{1,20}")) {
        throw new MalformedPushException("SEC " + WireText.quote(text) + " is no security type");
      }
      return text;
    }
    return Long.toString(params.integer());
  }

  private static String macValue(WspReader params) throws MalformedPushException {
    String text = params.text();
    if (text.startsWith("\"")) {
      text = text.substring(1);
    }
    if (!text.matches("[0-9A-Fa-f]{1,128}")) {
      throw new MalformedPushException("MAC " + WireText.quote(text) + " is not hexadecimal");
    }
    return text;
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
   * naming the DM client (or, for a CP document, the provisioning agent or none); every other
   * header is skipped by its encoding.
   */
  private static void requireDmApplication(WspReader headers, boolean provisioning)
      throws MalformedPushException {
    int page = 1;
    boolean found = false;
    while (headers.remaining() > 0) {
      int b = headers.peek();
      if (b >= 0x20 && b < 0x7F) {
        // An application header: a token text name, then its value.
        String name = headers.text();
        found |=
            takeIf(
                name.toLowerCase(Locale.ROOT).equals(APPLICATION_ID_NAME), headers, provisioning);
        continue;
      }
      headers.octet();
      if (b == 0x7F) {
        page = headers.octet();
      } else if (b >= 0x01 && b <= 0x1F) {
        page = b;
      } else if (b >= 0x80) {
        found |= takeIf(page == 1 && (b & 0x7F) == X_WAP_APPLICATION_ID, headers, provisioning);
      } else {
        throw new MalformedPushException("a header starts with 0x00");
      }
    }
    if (!found && !provisioning) {
      throw new MalformedPushException("no X-WAP-Application-Id (syncml.dm, 0x07) in the headers");
    }
  }

  /** Checks the value if it is the application id's, else skips it; true if it was. */
  private static boolean takeIf(boolean applicationId, WspReader headers, boolean provisioning)
      throws MalformedPushException {
    if (applicationId) {
      requireDm(headers, provisioning);
    } else {
      headers.skipValue();
    }
    return applicationId;
  }

  /** An application id: Integer-value or Uri-value (WAP-230 8.4.2.54). */
  private static void requireDm(WspReader headers, boolean provisioning)
      throws MalformedPushException {
    int first = headers.peek();
    if (first >= 0x20 && first < 0x80) {
      String uri = headers.text();
      if (!uri.equalsIgnoreCase(SYNCML_DM_URI)
          && !(provisioning && uri.equalsIgnoreCase(PROVISIONING_URI))) {
        throw new MalformedPushException(
            "X-WAP-Application-Id " + WireText.quote(uri) + " is not syncml.dm");
      }
    } else {
      long id = headers.integer();
      if (id != SYNCML_DM && !(provisioning && id == PROVISIONING)) {
        throw new MalformedPushException(
            String.format("X-WAP-Application-Id 0x%X is not syncml.dm (0x07)", id));
      }
    }
  }
}
