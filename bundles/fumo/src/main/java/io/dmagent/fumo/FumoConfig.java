package io.dmagent.fumo;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** How large a firmware package may be and how long a new version has to prove itself. */
@ObjectClassDefinition(
    name = "DM Agent FUMO",
    description =
        "Firmware updates of the agent itself: the whole distribution as one signed package.")
public @interface FumoConfig {
  String PID = "io.dmagent.fumo";

  @AttributeDefinition(description = "Bytes a firmware package may have at most.")
  long maxBytes() default 128L * 1024 * 1024;

  @AttributeDefinition(
      description =
          "Seconds a new version has, from its start, to be ready and complete a session with the"
              + " server that asked for the update; bin/dmagent switches back to the previous"
              + " version when it has not.")
  int trialSeconds() default 300;

  @AttributeDefinition(
      description =
          "Seconds to wait for the session that asked for the update to end before the agent"
              + " restarts into the new version.")
  int restartAfterSessionSeconds() default 60;
}
