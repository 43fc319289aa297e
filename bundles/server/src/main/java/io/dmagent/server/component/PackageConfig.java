package io.dmagent.server.component;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The reference server's package files, for SCOMO and FUMO tests and demos. */
@ObjectClassDefinition(
    name = "DM Agent reference server: packages",
    description =
        "Serves the files of a folder over HTTP at /packages/<name> (Range requests answered),"
            + " the packages scripts name in SCOMO's PkgURL. Off unless configured.")
@interface PackageConfig {
  String PID = "io.dmagent.server.packages";

  @AttributeDefinition(
      description = "The folder whose files are served; relative to the agent's home.")
  String folder();

  @AttributeDefinition(description = "The address it listens on; keep it on the loopback.")
  String host() default "127.0.0.1";

  @AttributeDefinition(description = "The port; 0 for any free one (logged).")
  int port() default 8981;

  @AttributeDefinition(
      description =
          "When above 0, the first download ends with the connection closed after this many bytes"
              + " (a test of resumed downloads); dmserver:packages drop <bytes> arms it again.")
  long dropOnceAfterBytes() default 0;
}
