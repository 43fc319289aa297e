package io.dmagent.scomo;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** How SCOMO downloads, installs and confirms the components servers send. */
@ObjectClassDefinition(
    name = "DM Agent SCOMO",
    description =
        "Software components (bundles, features) DM servers manage through ./SCOMO, and how an"
            + " update is confirmed or rolled back.")
@interface ScomoConfig {
  String PID = "io.dmagent.scomo";

  @AttributeDefinition(
      name = "Largest package (bytes)",
      description = "A package larger than this is refused before it is all downloaded (1404).")
  long maxPackageBytes() default 64L * 1024 * 1024;

  @AttributeDefinition(
      name = "Confirmation time (seconds)",
      description =
          "After an install or update, a session with the server that asked must complete within"
              + " this time, or the previous versions come back by themselves.")
  long confirmSeconds() default 300;

  @AttributeDefinition(
      name = "Servers",
      description =
          "ServerIDs that may add packages and Exec SCOMO's operations when ./SCOMO is created;"
              + " * for every server with an account. Every server may Get the inventory.")
  String[] servers() default {"*"};
}
