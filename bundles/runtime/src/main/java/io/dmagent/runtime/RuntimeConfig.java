package io.dmagent.runtime;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Which features make up this gateway; edit {@code config/io.dmagent.runtime.cfg} and they change
 * live.
 */
@ObjectClassDefinition(
    name = "DM Agent runtime",
    description = "The features installed on this gateway.")
@interface RuntimeConfig {
  String PID = "io.dmagent.runtime";

  @AttributeDefinition(
      name = "Features",
      description = "Names of the features to install, from the distribution's features.xml.")
  String[] features() default {"dm-core"};

  @AttributeDefinition(
      name = "Allow no transport",
      description =
          "Apply a feature set that leaves no way to reach a DM server (no DM transport); refused"
              + " otherwise.")
  boolean allowNoTransport() default false;
}
