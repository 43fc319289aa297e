package io.dmagent.server.component;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The reference server's package files, for SCOMO and FUMO tests and demos. */
@ObjectClassDefinition(
    name = "DM Agent reference server: packages",
    description =
        "Serves the files of a folder over HTTP, and over HTTPS when a key store is named, at"
            + " /packages/<name> (Range requests answered), the packages scripts name in SCOMO's and"
            + " FUMO's PkgURL. Off unless configured.")
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
          "The HTTPS port, served with the certificate of keyStore; 0 for any free one (logged).",
      required = false)
  int httpsPort() default 8982;

  @AttributeDefinition(
      description =
          "The key store of the HTTPS port's certificate (the demo's is the reference DM server's,"
              + " ${dmagent.data}/tls/server.p12); empty: no HTTPS port.",
      required = false)
  String keyStore() default "";

  @AttributeDefinition(description = "PKCS12 or JKS.", required = false)
  String keyStoreType() default "PKCS12";

  @AttributeDefinition(
      description = "Password of the key store and its key.",
      type = AttributeType.PASSWORD,
      required = false)
  String keyStorePassword() default "";

  @AttributeDefinition(
      description =
          "When above 0, the first download ends with the connection closed after this many bytes"
              + " (a test of resumed downloads); dmserver:packages drop <bytes> arms it again.")
  long dropOnceAfterBytes() default 0;
}
