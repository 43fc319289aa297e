package io.dmagent.api.transport;

import io.dmagent.api.description.Encoding;
import java.util.Locale;
import java.util.Optional;

/**
 * Media types of DM messages. The agent sends the DM types; it accepts the data-sync types too,
 * since real clients and servers (libdmclient among them) use those.
 */
public enum DmMediaType {
  DM_XML("application/vnd.syncml.dm+xml", false),
  DM_WBXML("application/vnd.syncml.dm+wbxml", true),
  SYNCML_XML("application/vnd.syncml+xml", false),
  SYNCML_WBXML("application/vnd.syncml+wbxml", true);

  private final String mimeType;
  private final boolean wbxml;

  DmMediaType(String mimeType, boolean wbxml) {
    this.mimeType = mimeType;
    this.wbxml = wbxml;
  }

  public String mimeType() {
    return mimeType;
  }

  public boolean isWbxml() {
    return wbxml;
  }

  /** The encoding a message of this type is in: DM and data-sync types alike. */
  public Encoding encoding() {
    return wbxml ? Encoding.WBXML : Encoding.XML;
  }

  /** The DM media type of an encoding, the one the agent sends. */
  public static DmMediaType dm(Encoding encoding) {
    return encoding == Encoding.WBXML ? DM_WBXML : DM_XML;
  }

  /** Parses a Content-Type header value, ignoring parameters and case. */
  public static Optional<DmMediaType> fromContentType(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    int semi = contentType.indexOf(';');
    String bare =
        (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    for (DmMediaType t : values()) {
      if (t.mimeType.equals(bare)) {
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
