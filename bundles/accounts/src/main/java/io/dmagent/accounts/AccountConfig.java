package io.dmagent.accounts;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One DM server the agent is pointed at: the account written into {@code ./DMAcc} at start, and
 * whether to open a session with it at start and how often after.
 */
@ObjectClassDefinition(
    name = "DM Agent server account",
    description =
        "A DM account in ./DMAcc created or updated at start, and when to call that server.")
public @interface AccountConfig {
  String FACTORY_PID = "io.dmagent.protocol.account";

  @AttributeDefinition(description = "ServerID of the DM server (also its name in ACLs).")
  String serverId();

  @AttributeDefinition(description = "The server's address, e.g. https://dm.example.com/dm.")
  String address();

  @AttributeDefinition(description = "Displayable server name.", required = false)
  String name() default "";

  @AttributeDefinition(
      description = "Node name under ./DMAcc; empty: the ServerID with unsafe characters replaced.",
      required = false)
  String accountNode() default "";

  @AttributeDefinition(
      description =
          "Client authentication to the server (AAuthType): empty for none, BASIC, DIGEST,"
              + " DIGEST-SHA256, HMAC, HMAC-SHA256.",
      required = false)
  String authType() default "";

  @AttributeDefinition(description = "AAuthName of the client credentials.", required = false)
  String authName() default "";

  @AttributeDefinition(
      description = "AAuthSecret of the client credentials (never logged).",
      type = AttributeType.PASSWORD,
      required = false)
  String authSecret() default "";

  @AttributeDefinition(
      description =
          "The secret the server must prove (AppAuth SRVCRED, same scheme as authType, its"
              + " ServerID as name); empty: the server is not checked (never logged).",
      type = AttributeType.PASSWORD,
      required = false)
  String serverAuthSecret() default "";

  @AttributeDefinition(
      description =
          "TLS-PSK: the identity of the pre-shared key this account's https channel is secured"
              + " with (written as AppAuth of AAuthLevel TLS, AAuthType PSK). Empty: no TLS-PSK.",
      required = false)
  String pskIdentity() default "";

  @AttributeDefinition(
      description =
          "TLS-PSK: the pre-shared key in hexadecimal (never logged, never readable by a server)."
              + " Empty: the key io.dmagent.transport.http is configured with for pskIdentity.",
      type = AttributeType.PASSWORD,
      required = false)
  String pskKey() default "";

  @AttributeDefinition(description = "Open a client-initiated session when the agent starts.")
  boolean connectAtStart() default false;

  @AttributeDefinition(description = "Seconds after start before that first session.")
  int connectDelaySeconds() default 2;

  @AttributeDefinition(
      description = "Open a client-initiated session every this many seconds; 0 never.")
  int pollIntervalSeconds() default 0;
}
