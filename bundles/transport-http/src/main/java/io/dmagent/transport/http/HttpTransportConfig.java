package io.dmagent.transport.http;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Limits and identity of the HTTP binding. */
@ObjectClassDefinition(
    name = "DM Agent HTTP binding",
    description = "How the agent talks HTTP(S) to DM servers.")
@interface HttpTransportConfig {
  String PID = "io.dmagent.transport.http";

  @AttributeDefinition(name = "Connect timeout (ms)", min = "1")
  int connectTimeoutMillis() default 10_000;

  @AttributeDefinition(
      name = "Read timeout (ms)",
      description = "How long to wait for the server's answer to one message.",
      min = "1")
  int readTimeoutMillis() default 60_000;

  @AttributeDefinition(
      name = "Largest response (bytes)",
      description = "Answers above this size are refused before they are read whole.",
      min = "1024")
  int maxResponseBytes() default 4 * 1024 * 1024;

  @AttributeDefinition(name = "User-Agent")
  String userAgent() default "DM Agent";
}
