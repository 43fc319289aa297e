package io.dmagent.policy;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** How the Management Policy engine keeps results, throttles and reads system properties. */
@ObjectClassDefinition(
    name = "DM Agent management policies",
    description =
        "The engine behind ./MgmtPolicy (MgmtPolicyMO 1.0): results, throttling, location.")
@interface PolicyConfig {
  String PID = "io.dmagent.policy";

  @AttributeDefinition(
      name = "Results kept",
      description = "Executions recorded under each policy's Results; the oldest go first.")
  int maxResults() default 20;

  @AttributeDefinition(
      name = "Throttle: executions",
      description =
          "A policy that runs more often than this within the throttle window re-triggers itself:"
              + " it is suspended for the rest of the window, recorded once.")
  int throttleExecutions() default 10;

  @AttributeDefinition(
      name = "Throttle: window (seconds)",
      description = "The window over which a policy's executions are counted.")
  int throttleWindowSeconds() default 10;

  @AttributeDefinition(
      name = "Location",
      description =
          "The gateway's location as operators name it (a site, or latitude,longitude), which"
              + " the system condition's Location compares; empty when not known.")
  String location() default "";

  @AttributeDefinition(
      name = "Time zone",
      description =
          "The zone of the time condition's daily windows and week days (e.g. Europe/Paris);"
              + " empty for the system's zone.")
  String timeZone() default "";
}
