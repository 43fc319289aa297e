package io.dmagent.bootstrap;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.log.WireText;
import io.dmagent.api.push.PushContentType;
import java.util.Locale;
import java.util.Optional;

/**
 * A bootstrap message's content type read: its profile and encoding from the MIME type, its
 * security from the {@code SEC} and {@code MAC} parameters ({@code application/vnd.syncml.dm+wbxml;
 * SEC=0; MAC=4f2a...}). Parameter names are case-insensitive, values may be quoted.
 */
record BootstrapContentType(
    Profile profile, Encoding encoding, Optional<String> sec, Optional<String> mac) {

  static BootstrapContentType parse(String contentType) throws Refusal {
    PushContentType type =
        PushContentType.fromMimeType(contentType)
            .orElseThrow(
                () ->
                    Refusal.unsupported(
                        "content type " + WireText.quote(contentType) + " is no bootstrap"));
    Profile profile;
    Encoding encoding;
    switch (type) {
      case DM_MESSAGE_WBXML -> {
        profile = Profile.DM;
        encoding = Encoding.WBXML;
      }
      case DM_MESSAGE_XML -> {
        profile = Profile.DM;
        encoding = Encoding.XML;
      }
      case CP_PROVISIONING_WBXML -> {
        profile = Profile.CP;
        encoding = Encoding.WBXML;
      }
      case CP_PROVISIONING_XML -> {
        profile = Profile.CP;
        encoding = Encoding.XML;
      }
      default -> throw Refusal.unsupported("content type " + type + " is no bootstrap");
    }
    Optional<String> sec = Optional.empty();
    Optional<String> mac = Optional.empty();
    String[] parts = contentType.split(";");
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq < 0) {
        continue;
      }
      String name = parts[i].substring(0, eq).trim().toUpperCase(Locale.ROOT);
      String value = unquote(parts[i].substring(eq + 1).trim());
      if (name.equals("SEC")) {
        sec = Optional.of(value);
      } else if (name.equals("MAC")) {
        mac = Optional.of(value);
      }
    }
    return new BootstrapContentType(profile, encoding, sec, mac);
  }

  private static String unquote(String v) {
    return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")
        ? v.substring(1, v.length() - 1)
        : v;
  }

  boolean signed() {
    return sec.isPresent();
  }
}
