package io.dmagent.protocol;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** How the agent runs management sessions. */
@ObjectClassDefinition(
    name = "DM Agent session engine",
    description = "Limits, encoding, timeouts and retries of management sessions.")
public @interface ProtocolConfig {
  String PID = "io.dmagent.protocol";

  @AttributeDefinition(
      description = "MaxMsgSize announced to servers: the largest message the agent accepts.")
  int maxMsgSize() default 16384;

  @AttributeDefinition(
      description = "MaxObjSize announced to servers: the largest large object the agent accepts.")
  long maxObjSize() default 1048576;

  @AttributeDefinition(
      description =
          "Encoding of package 1 (WBXML or XML); later messages follow the server's encoding.")
  String encoding() default "WBXML";

  @AttributeDefinition(description = "VerProto of package 1: DM/1.2 or DM/1.3.")
  String verProto() default "DM/1.2";

  @AttributeDefinition(description = "Seconds one exchange with the server may take.")
  int exchangeTimeoutSeconds() default 30;

  @AttributeDefinition(description = "Attempts of a session that fails on the transport.")
  int attempts() default 3;

  @AttributeDefinition(
      description =
          "Failed authentications (either way) one session allows before it aborts with Alert 1223.")
  int authAttempts() default 3;

  @AttributeDefinition(description = "Seconds before the second attempt; doubled for each next.")
  int firstBackoffSeconds() default 5;

  @AttributeDefinition(description = "Longest wait between attempts, in seconds.")
  int maxBackoffSeconds() default 300;

  @AttributeDefinition(
      description = "Messages one session may take before the agent aborts it (1223).")
  int maxMessages() default 200;

  @AttributeDefinition(description = "Sessions that may run at once (with different servers).")
  int sessionThreads() default 2;
}
