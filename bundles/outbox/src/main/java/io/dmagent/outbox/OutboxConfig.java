package io.dmagent.outbox;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Where the outbox is kept, how much it holds and what it does when full. */
@ObjectClassDefinition(
    name = "DM Agent outbox",
    description =
        "The durable outbox of entries waiting for a server: Generic Alerts, Client Events, reports.")
public @interface OutboxConfig {
  String PID = "io.dmagent.outbox";

  @AttributeDefinition(
      description = "Folder of the outbox file; empty: the outbox folder in the agent's data.",
      required = false)
  String folder() default "";

  @AttributeDefinition(description = "Entries the outbox holds at most, all users together.")
  int capacity() default 1000;

  @AttributeDefinition(
      description =
          "When full: REJECT_NEW refuses the new entry (a Generic Alert gets 420), DROP_OLDEST drops"
              + " the oldest entry with a warning and stores the new one.",
      options = {
        @Option(label = "Refuse the new entry", value = "REJECT_NEW"),
        @Option(label = "Drop the oldest entry", value = "DROP_OLDEST")
      })
  String overflowPolicy() default "REJECT_NEW";
}
