package io.dmagent.pushsip;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Where the SIP push binding listens and how much it reads. */
@ObjectClassDefinition(
    name = "DM Agent push over SIP",
    description =
        "Takes server pushes (package #0 notifications, sessionless DM messages) in the body of a"
            + " SIP MESSAGE or NOTIFY (Event: dm-push) over UDP and TCP.")
@interface SipConfig {
  String PID = "io.dmagent.push.sip";

  @AttributeDefinition(
      description =
          "IP address to listen on: 0.0.0.0 (every interface, the default: the server must reach"
              + " the gateway), 127.0.0.1, or one interface's address.")
  String address() default "0.0.0.0";

  @AttributeDefinition(description = "Port for both UDP and TCP, 1-65535 (0: any free port).")
  int port() default 5060;

  @AttributeDefinition(description = "Listen on UDP (one request per datagram).")
  boolean udp() default true;

  @AttributeDefinition(description = "Listen on TCP (Content-Length framing, several requests).")
  boolean tcp() default true;

  @AttributeDefinition(
      description =
          "Largest SIP request in bytes, headers and body; larger ones are answered 513. The body"
              + " is also bounded by the push receiver's own limit (answered 413).")
  int maxMessageSize() default 65_507;

  @AttributeDefinition(description = "Most TCP connections open at once; more are closed at once.")
  int maxConnections() default 16;

  @AttributeDefinition(
      description =
          "Seconds a TCP connection may stay silent (or mid-request) before it is closed.")
  int idleTimeoutSeconds() default 30;

  @AttributeDefinition(
      description = "Retry-After seconds of a 503 answered to a rate-limited push.")
  int retryAfterSeconds() default 10;
}
