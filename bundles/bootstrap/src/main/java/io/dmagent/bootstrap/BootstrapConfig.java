package io.dmagent.bootstrap;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** How bootstrap messages are accepted (PID {@value #PID}). */
@ObjectClassDefinition(
    name = "DM Agent bootstrap",
    description =
        "Bootstrap messages (DM and CP profiles) from the factory folder config/bootstrap/, WAP"
            + " push, smart cards and bootstrap servers: their security and rights.")
public @interface BootstrapConfig {
  String PID = "io.dmagent.bootstrap";

  @AttributeDefinition(
      type = AttributeType.PASSWORD,
      description =
          "Network secret of the MACs: the IMSI's digits (SEC NETWPIN, USERNETWPIN) or the shared"
              + " secret of SEC NETWORKID. Never logged.",
      required = false)
  String networkSecret() default "";

  @AttributeDefinition(
      type = AttributeType.PASSWORD,
      description = "User PIN of the MACs (SEC USERPIN, USERNETWPIN, USERPINMAC). Never logged.",
      required = false)
  String userPin() default "";

  @AttributeDefinition(
      description =
          "Apply unsigned bootstrap files from the factory folder (and dm:bootstrap). Off: every"
              + " factory file needs a MAC.")
  boolean allowUnsignedFactory() default false;

  @AttributeDefinition(
      description =
          "Sources whose authenticated channel replaces the MAC: SMART_CARD (a card in a local"
              + " reader), BOOTSTRAP_SERVER (HTTPS with a trusted certificate).")
  String[] trustedChannels() default {"SMART_CARD", "BOOTSTRAP_SERVER"};

  @AttributeDefinition(
      description =
          "Let a weaker source replace an account a stronger one created (order: factory file ="
              + " smart card > bootstrap server > WAP push).")
  boolean allowWeakerReplace() default false;

  @AttributeDefinition(description = "Largest bootstrap message (bytes); larger ones are refused.")
  int maxMessageSize() default 262144;

  @AttributeDefinition(
      description =
          "After a bootstrap, start a session with every configured server (DM-ADM-001); a CP"
              + " INIT asks for one regardless.")
  boolean sessionAfterBootstrap() default true;

  @AttributeDefinition(
      description = "Factory folder; empty: config/bootstrap in the agent's home.",
      required = false)
  String folder() default "";
}
