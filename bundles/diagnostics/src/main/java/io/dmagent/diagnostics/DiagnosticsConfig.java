package io.dmagent.diagnostics;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Who may use ./Vendor/DMAgent/Diagnostics. */
@ObjectClassDefinition(
    name = "DM Agent diagnostics",
    description = "The self-test DM servers run by Exec on ./Vendor/DMAgent/Diagnostics/SelfTest.")
@interface DiagnosticsConfig {
  String PID = "io.dmagent.diagnostics";

  @AttributeDefinition(
      name = "Servers",
      description =
          "ServerIDs granted Exec on SelfTest and Replace on Note when those nodes have no ACL of"
              + " their own yet; * for every server with an account. An ACL set later is kept.")
  String[] servers() default {"*"};
}
