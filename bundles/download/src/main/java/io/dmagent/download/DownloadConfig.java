package io.dmagent.download;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Where packages go, how large they may be, how hard to retry, whom their signers chain to, and
 * whom an https download server's certificate may chain to.
 */
@ObjectClassDefinition(
    name = "DM Agent downloads",
    description =
        "Downloads of packages a server names by URL (SCOMO components, FUMO firmware) and the"
            + " verification of their signers.")
public @interface DownloadConfig {
  String PID = "io.dmagent.download";

  @AttributeDefinition(
      description =
          "Folder of downloaded files and their parts; empty: the downloads folder in the agent's"
              + " data.",
      required = false)
  String folder() default "";

  @AttributeDefinition(
      description =
          "Bytes one download may have at most, whatever a server asks for (the smaller of this"
              + " and the request's bound applies).")
  long maxBytes() default 256L * 1024 * 1024;

  @AttributeDefinition(
      description =
          "Attempts after a dropped connection or a server error (5xx) before a download fails.")
  int retries() default 8;

  @AttributeDefinition(description = "First pause between attempts, in milliseconds; it doubles.")
  long retryInitialMillis() default 500;

  @AttributeDefinition(description = "Longest pause between attempts, in milliseconds.")
  long retryMaxMillis() default 30_000;

  @AttributeDefinition(
      description =
          "Seconds without a byte after which a connection counts as dropped (and is retried).")
  int idleTimeoutSeconds() default 30;

  @AttributeDefinition(
      description =
          "Trust store (PKCS12) of the CAs or signers whose jars are accepted; relative to the"
              + " agent's home.",
      required = false)
  String trustStore() default "etc/trust/packages.p12";

  @AttributeDefinition(
      description = "Password of the trust store; empty when it has none.",
      type = AttributeType.PASSWORD,
      required = false)
  String trustStorePassword() default "";

  @AttributeDefinition(
      description =
          "Certificates (PKCS12) an https download server's certificate may chain to, besides the"
              + " JDK's CA certificates; relative to the agent's home; empty: the JDK's only. The"
              + " host name is always checked. Read again when the file changes.",
      required = false)
  String tlsTrustStore() default "";

  @AttributeDefinition(
      description = "Password of the TLS trust store; empty when it has none.",
      type = AttributeType.PASSWORD,
      required = false)
  String tlsTrustStorePassword() default "";

  @AttributeDefinition(
      description =
          "Accept jars without any signature (never jars with a broken or foreign one). For"
              + " development only.")
  boolean allowUnsigned() default false;
}
