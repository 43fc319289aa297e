package io.dmagent.notification;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** How package #0 notifications are read and how many are taken (docs/CONFORMANCE.md). */
@ObjectClassDefinition(
    name = "DM Agent notification",
    description =
        "The receiver of pushes: package #0 (DM 1.2 and our DM 1.3 layout) and the content types"
            + " other bundles take.")
public @interface NotificationConfig {
  String PID = "io.dmagent.notification";

  @AttributeDefinition(description = "Largest push body taken, in bytes (413 beyond).")
  int maxMessageSize() default 65536;

  @AttributeDefinition(
      description = "DM 1.3 layout: where the 16-byte digest lies (our interpretation: first).",
      options = {
        @Option(label = "Before the header (as DM 1.2)", value = "first"),
        @Option(label = "After the last option", value = "last")
      })
  String dm13DigestPosition() default "first";

  @AttributeDefinition(
      description =
          "DM 1.3 layout: bits of an option's 16-bit header that hold its number; the rest hold"
              + " its length (our interpretation: 4, so 12 length bits).")
  int dm13OptionNumberBits() default 4;

  @AttributeDefinition(description = "Version field values (version x 10) known to this agent.")
  int[] knownVersions() default {11, 12, 13};

  @AttributeDefinition(
      description =
          "Refuse (MALFORMED) a notification whose version is not known; otherwise it is logged"
              + " and taken, as protocol-wire.md section 4.2 advises.")
  boolean refuseUnknownVersions() default false;

  @AttributeDefinition(description = "Seconds within which the same notification is a duplicate.")
  int duplicateWindowSeconds() default 60;

  @AttributeDefinition(description = "Notifications remembered for duplicates, at most.")
  int duplicateCapacity() default 1024;

  @AttributeDefinition(description = "Notifications one server may send at once (token bucket).")
  int rateBurst() default 5;

  @AttributeDefinition(description = "Notifications a second one server may send after a burst.")
  double ratePerSecond() default 1.0;

  @AttributeDefinition(
      description = "Seconds the user has to confirm a user-interaction notification.")
  int confirmSeconds() default 60;
}
