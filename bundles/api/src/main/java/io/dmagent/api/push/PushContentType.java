package io.dmagent.api.push;

import java.util.Locale;
import java.util.Optional;

/**
 * The content types a push may carry, with their WSP well-known codes (the binary Content-Type of a
 * WAP push): the DM 1.2 notification (0x44), the DM 1.3 notification (0x58) and DM messages in
 * either encoding (0x42 WBXML, 0x43 XML) for sessionless commands and DM-profile bootstraps, and
 * the Client Provisioning document (0x36 WBXML, 0x35 XML) of a CP-profile bootstrap. A binding
 * passes the content type's parameters on as MIME parameters ({@code SEC=0; MAC=4f2a...}).
 */
public enum PushContentType {
  DM12_NOTIFICATION("application/vnd.syncml.notification", 0x44),
  DM13_NOTIFICATION("application/vnd.syncml.dm.notification", 0x58),
  DM_MESSAGE_WBXML("application/vnd.syncml.dm+wbxml", 0x42),
  DM_MESSAGE_XML("application/vnd.syncml.dm+xml", 0x43),
  CP_PROVISIONING_WBXML("application/vnd.wap.connectivity-wbxml", 0x36),
  CP_PROVISIONING_XML("text/vnd.wap.connectivity-xml", 0x35);

  private final String mimeType;
  private final int wspCode;

  PushContentType(String mimeType, int wspCode) {
    this.mimeType = mimeType;
    this.wspCode = wspCode;
  }

  public String mimeType() {
    return mimeType;
  }

  /** The WSP well-known content-type code, without the short-integer high bit. */
  public int wspCode() {
    return wspCode;
  }

  public boolean isNotification() {
    return this == DM12_NOTIFICATION || this == DM13_NOTIFICATION;
  }

  /** Parses a Content-Type header value, ignoring parameters and case. */
  public static Optional<PushContentType> fromMimeType(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    int semi = contentType.indexOf(';');
    String bare =
        (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    for (PushContentType t : values()) {
      if (t.mimeType.equals(bare)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** The type of a WSP well-known code, with or without the short-integer high bit. */
  public static Optional<PushContentType> fromWspCode(int code) {
    int bare = code & 0x7F;
    for (PushContentType t : values()) {
      if (t.wspCode == bare) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return mimeType;
  }
}
