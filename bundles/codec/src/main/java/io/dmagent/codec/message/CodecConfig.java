package io.dmagent.codec.message;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Bounds on decoded SyncML DM messages, beyond the MaxMsgSize each call states. */
@ObjectClassDefinition(
    name = "DM Agent SyncML codec",
    description = "Bounds on every decoded DM message; exceeding one answers 413.")
@interface CodecConfig {
  String PID = "io.dmagent.codec.message";

  @AttributeDefinition(
      name = "Nesting depth",
      description = "Deepest element nesting, an embedded TNDS included (at most 1024).",
      min = "8",
      max = "1024")
  int maxDepth() default 64;

  @AttributeDefinition(name = "Elements", description = "Most elements in one message.", min = "1")
  int maxElements() default 100_000;

  @AttributeDefinition(
      name = "Text length",
      description = "Most characters of one element's text.",
      min = "1")
  int maxTextLength() default 4 << 20;

  @AttributeDefinition(
      name = "Opaque length",
      description = "Most bytes of one element's WBXML opaque data.",
      min = "1")
  int maxOpaqueLength() default 4 << 20;
}
