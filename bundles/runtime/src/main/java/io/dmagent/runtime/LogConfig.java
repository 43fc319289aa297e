package io.dmagent.runtime;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Log levels, {@code config/io.dmagent.log.cfg}: applied live through the OSGi LoggerAdmin. */
@ObjectClassDefinition(
    name = "DM Agent log levels",
    description = "How much each bundle logs: ERROR, WARN, INFO, DEBUG or TRACE.")
@interface LogConfig {
  String PID = "io.dmagent.log";

  @AttributeDefinition(
      name = "Level",
      description = "The level of every bundle not named under Bundles.")
  String level() default "INFO";

  @AttributeDefinition(
      name = "Bundles",
      description =
          "Levels of single bundles: <symbolic name>=<level>, separated by commas, e.g."
              + " io.dmagent.protocol=DEBUG, org.apache.felix.scr=WARN. At DEBUG a bundle's"
              + " errors print their stack traces.")
  String bundles() default "";
}
