package io.dmagent.pushwap;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Where the WAP push binding listens. */
@ObjectClassDefinition(
    name = "DM Agent WAP push",
    description =
        "Connectionless WAP Push (WSP push PDUs over UDP) carrying DM notifications and sessionless"
            + " DM messages.")
public @interface WapPushConfig {
  String PID = "io.dmagent.push.wap";

  @AttributeDefinition(
      description =
          "Address the UDP socket binds to. Loopback by default: a local bearer (an SMS modem"
              + " daemon, a Kannel on this gateway) delivers there; 0.0.0.0 takes pushes from the"
              + " network.")
  String bindAddress() default "127.0.0.1";

  @AttributeDefinition(description = "UDP port; 2948 is the WAP connectionless push port.")
  int port() default 2948;
}
