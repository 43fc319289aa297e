package io.dmagent.notification;

import java.util.Locale;

/**
 * How a push finds its {@code PushContentHandler}: by its bare MIME type, and for a push whose
 * content type carries a {@code SEC} parameter (a signed bootstrap) by that type marked signed, so
 * that a signed bootstrap in {@code application/vnd.syncml.dm+wbxml} reaches the bootstrap bundle
 * and a sessionless command in the same type the sessionless bundle.
 */
final class HandlerKey {
  private static final String SIGNED = ";sec";

  private HandlerKey() {}

  /** The key of a push's content type. */
  static String of(String contentType) {
    String[] parts = contentType.split(";");
    String key = parts[0].trim().toLowerCase(Locale.ROOT);
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq > 0 && parts[i].substring(0, eq).trim().equalsIgnoreCase("SEC")) {
        return key + SIGNED;
      }
    }
    return key;
  }

  /** The key a handler registered for {@code type} (bootstrap handlers: signed) answers to. */
  static String of(String type, boolean signedBootstrap) {
    String key = type.trim().toLowerCase(Locale.ROOT);
    return signedBootstrap ? key + SIGNED : key;
  }
}
