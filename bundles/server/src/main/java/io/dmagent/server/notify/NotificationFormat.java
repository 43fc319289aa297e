package io.dmagent.server.notify;

import io.dmagent.api.push.PushContentType;
import java.util.Optional;

/** The two layouts of package #0 the server writes, with the content type each travels as. */
public enum NotificationFormat {
  /** DM 1.2: digest, header, server identifier, vendor bytes (digest 4.1). */
  DM12(12, PushContentType.DM12_NOTIFICATION),
  /** DM 1.3 as FRAMINGS.md reads it: digest, header word, numbered options. */
  DM13(13, PushContentType.DM13_NOTIFICATION);

  private final int version;
  private final PushContentType contentType;

  NotificationFormat(int version, PushContentType contentType) {
    this.version = version;
    this.contentType = contentType;
  }

  /** The version field's value (version x 10). */
  public int version() {
    return version;
  }

  public PushContentType contentType() {
    return contentType;
  }

  /** {@code 1.2} or {@code 1.3}, as the console takes them. */
  public static Optional<NotificationFormat> named(String name) {
    return switch (name) {
      case "1.2" -> Optional.of(DM12);
      case "1.3" -> Optional.of(DM13);
      default -> Optional.empty();
    };
  }
}
