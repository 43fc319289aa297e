package io.dmagent.httplistener;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Where the agent's one HTTP server listens, and its TLS key. */
@ObjectClassDefinition(
    name = "DM Agent HTTP listener",
    description =
        "The agent's one HTTP server (OSGi HTTP Whiteboard on Felix Jetty 12) for listening"
            + " endpoints such as push over HTTP or a local console. Loopback unless an address is"
            + " configured; HTTPS when a key store is configured.")
@interface ListenerConfig {
  String PID = "io.dmagent.http.listener";

  @AttributeDefinition(
      description =
          "IP address to listen on: 127.0.0.1 (loopback, the default), ::1, one interface's"
              + " address, or 0.0.0.0 for every interface.")
  String address() default "127.0.0.1";

  @AttributeDefinition(description = "TCP port, 1-65535.")
  int port() default 8088;

  @AttributeDefinition(
      description =
          "Key store with the server's key and certificate chain; empty: plain HTTP (loopback"
              + " only is advised then).")
  String keyStore() default "";

  @AttributeDefinition(description = "Type of the key store: PKCS12 or JKS.")
  String keyStoreType() default "PKCS12";

  @AttributeDefinition(type = AttributeType.PASSWORD, description = "Password of the key store.")
  String keyStorePassword() default "";

  @AttributeDefinition(
      type = AttributeType.PASSWORD,
      description = "Password of the key, if it differs from the key store's.")
  String keyPassword() default "";

  @AttributeDefinition(
      description =
          "Trust store of the certificates (or their CAs) whose clients may connect; set, every"
              + " client must present one (TLS client authentication; needs keyStore). Empty: no"
              + " client certificate asked for.",
      required = false)
  String trustStore() default "";

  @AttributeDefinition(description = "Type of the trust store: PKCS12 or JKS.")
  String trustStoreType() default "PKCS12";

  @AttributeDefinition(type = AttributeType.PASSWORD, description = "Password of the trust store.")
  String trustStorePassword() default "";
}
