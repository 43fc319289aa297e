package io.dmagent.sessionless;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Sessionless commands and reports. Report addresses per server are further properties {@code
 * reportAddress.<ServerID>} (a URI: {@code https://...}, {@code mqtt://...}).
 */
@ObjectClassDefinition(
    name = "DM Agent sessionless",
    description =
        "Sessionless commands pushed by servers and sessionless reports (Generic Alerts, command"
            + " outcomes). Report addresses: properties reportAddress.<ServerID> = URI.")
public @interface SessionlessConfig {
  String PID = "io.dmagent.sessionless";

  @AttributeDefinition(
      description =
          "How far (seconds) a command's x-dm-timestamp may be from the agent's clock, either way.")
  int windowSeconds() default 300;

  @AttributeDefinition(
      description =
          "Report every command's outcome, even when its envelope has no x-dm-report: outcome.")
  boolean reportOutcomes() default false;

  @AttributeDefinition(description = "Largest DM message (bytes) a sessionless command may hold.")
  int maxMessageSize() default 65536;

  @AttributeDefinition(description = "Most reports of one server sent in one message.")
  int maxBatch() default 500;

  @AttributeDefinition(description = "First wait (milliseconds) after a failed delivery.")
  long firstBackoffMillis() default 1000;

  @AttributeDefinition(description = "Longest wait (seconds) between delivery attempts.")
  long maxBackoffSeconds() default 300;

  @AttributeDefinition(
      description = "Encoding of report messages.",
      options = {@Option(label = "XML", value = "XML"), @Option(label = "WBXML", value = "WBXML")})
  String reportEncoding() default "XML";

  /**
   * Declared so that its entries ({@code reportAddress.<ServerID>}) count as settings; the key
   * itself is not read.
   */
  @AttributeDefinition(
      description =
          "Report addresses by server: give one property reportAddress.<ServerID> = URI per server"
              + " (https://..., mqtt://...); without one a server's reports go to its account's"
              + " address.",
      required = false)
  String reportAddress() default "";

  @AttributeDefinition(
      description = "Folder of the replay guard; empty: sessionless in the agent's data.",
      required = false)
  String folder() default "";
}
