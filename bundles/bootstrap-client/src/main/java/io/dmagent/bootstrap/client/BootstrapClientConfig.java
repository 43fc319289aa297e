package io.dmagent.bootstrap.client;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Client-initiated bootstrap: where a fresh gateway fetches its bootstrap message from, what it
 * trusts, and how often it tries. The Bootstrap Config MO ({@code ./BootConfig}) adds the servers a
 * DM server configured.
 */
@ObjectClassDefinition(
    name = "DM Agent client-initiated bootstrap",
    description =
        "Fetches a bootstrap message by HTTPS GET from a DM Bootstrap Server while the gateway has"
            + " no DM account, and hands it to the bootstrapper.")
public @interface BootstrapClientConfig {
  String PID = "io.dmagent.bootstrap.client";

  @AttributeDefinition(
      name = "Bootstrap servers",
      description =
          "URLs of DM Bootstrap Servers (https://...), fetched with the DevId as query parameter"
              + " DevId, besides those of ./BootConfig/BootSrvInfo.",
      required = false)
  String[] bootstrapServers() default {};

  @AttributeDefinition(
      name = "Discovery allowed by default",
      description =
          "The value ./BootConfig/BootSrvDiscovery takes on a gateway where no server set it: true"
              + " (1) lets the gateway fetch, false (0) inhibits it.")
  boolean bootSrvDiscovery() default true;

  @AttributeDefinition(
      name = "Smart card web server",
      description =
          "Also fetch from the smart card web server's fixed URL"
              + " https://127.0.0.1:4116/OMA/DM/Bootstrap.xml (BIP).")
  boolean scws() default false;

  @AttributeDefinition(
      name = "Trust store",
      description =
          "File of the certificates a bootstrap server's certificate must chain to. Empty: the"
              + " JDK's CA certificates. The host name is always checked.",
      required = false)
  String trustStore() default "";

  @AttributeDefinition(name = "Trust store type", description = "PKCS12 or JKS.")
  String trustStoreType() default "PKCS12";

  @AttributeDefinition(
      name = "Trust store password",
      type = AttributeType.PASSWORD,
      required = false)
  String trustStorePassword() default "";

  @AttributeDefinition(
      name = "Key store",
      description =
          "File of client keys; a bootstrap server whose ./BootConfig entry names a ClientKey"
              + " alias gets that key and certificate (mutual TLS). Empty: none.",
      required = false)
  String keyStore() default "";

  @AttributeDefinition(name = "Key store type", description = "PKCS12 or JKS.")
  String keyStoreType() default "PKCS12";

  @AttributeDefinition(
      name = "Key store password",
      description = "Also the keys' password. Never logged.",
      type = AttributeType.PASSWORD,
      required = false)
  String keyStorePassword() default "";

  @AttributeDefinition(
      name = "Allow plain HTTP",
      description =
          "Fetch from http:// URLs too (tests only: nothing authenticates the server then).")
  boolean allowPlainHttp() default false;

  @AttributeDefinition(description = "Largest bootstrap message taken (bytes).")
  int maxMessageBytes() default 65536;

  @AttributeDefinition(description = "Connect and read timeout of one GET (seconds).")
  int timeoutSeconds() default 20;

  @AttributeDefinition(
      description = "Tries of one fetch when the server fails (5xx, no answer) before it gives up.")
  int attempts() default 3;

  @AttributeDefinition(description = "First wait (milliseconds) after a failed try or round.")
  long firstBackoffMillis() default 2000;

  @AttributeDefinition(description = "Longest wait (seconds) between rounds of fetches.")
  long maxBackoffSeconds() default 300;

  @AttributeDefinition(
      description =
          "Folder of what was fetched (ETags, hashes); empty: bootstrap-client in the data.",
      required = false)
  String folder() default "";
}
