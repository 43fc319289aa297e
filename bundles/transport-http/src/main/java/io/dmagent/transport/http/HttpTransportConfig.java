package io.dmagent.transport.http;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Limits, identity and key material of the HTTP binding. */
@ObjectClassDefinition(
    name = "DM Agent HTTP binding",
    description = "How the agent talks HTTP(S) to DM servers.")
@interface HttpTransportConfig {
  String PID = "io.dmagent.transport.http";

  @AttributeDefinition(name = "Connect timeout (ms)", min = "1")
  int connectTimeoutMillis() default 10_000;

  @AttributeDefinition(
      name = "Read timeout (ms)",
      description = "How long to wait for the server's answer to one message.",
      min = "1")
  int readTimeoutMillis() default 60_000;

  @AttributeDefinition(
      name = "Largest response (bytes)",
      description = "Answers above this size are refused before they are read whole.",
      min = "1024")
  int maxResponseBytes() default 4 * 1024 * 1024;

  @AttributeDefinition(name = "User-Agent")
  String userAgent() default "DM Agent";

  @AttributeDefinition(
      name = "Keep idle connection (s)",
      description =
          "How long a session's connection is kept open for the next session with the same server"
              + " (spares a TLS handshake per session); 0 closes it when the session ends.",
      min = "0")
  int keepIdleSeconds() default 30;

  @AttributeDefinition(
      name = "Trust store",
      description =
          "File of the CA certificates that server certificates must chain to. Empty: the JDK's CA"
              + " certificates. The host name is always checked.",
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
          "File holding the gateway's client certificate and key, for accounts that demand mutual"
              + " TLS (AAuthType X509 or TRANSPORT). Empty: none.",
      required = false)
  String keyStore() default "";

  @AttributeDefinition(name = "Key store type", description = "PKCS12 or JKS.")
  String keyStoreType() default "PKCS12";

  @AttributeDefinition(
      name = "Key store password",
      description = "Also the key's password. Never logged.",
      type = AttributeType.PASSWORD,
      required = false)
  String keyStorePassword() default "";

  @AttributeDefinition(
      name = "PSK identity",
      description =
          "Identity of a pre-shared key for TLS-PSK accounts that name it without a key of their"
              + " own (DMAcc AppAuth of AAuthType PSK with an empty AAuthSecret). Empty: none.",
      required = false)
  String pskIdentity() default "";

  @AttributeDefinition(
      name = "PSK key (hex)",
      description = "The pre-shared key, hexadecimal. Never logged.",
      type = AttributeType.PASSWORD,
      required = false)
  String pskKey() default "";
}
