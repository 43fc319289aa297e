package io.dmagent.pushhttp;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Where on the agent's HTTP listener pushes are taken. */
@ObjectClassDefinition(
    name = "DM Agent push over HTTP",
    description =
        "A servlet on the agent's HTTP listener (io.dmagent.http.listener: address, port, TLS)"
            + " taking POSTed notifications.")
public @interface PushHttpConfig {
  String PID = "io.dmagent.push.http";
  String DEFAULT_PATH = "/dm/push";

  /** The servlet's path on the whiteboard (property osgi.http.whiteboard.servlet.pattern). */
  @AttributeDefinition(name = "Path", description = "The path servers POST pushes to.")
  String osgi_http_whiteboard_servlet_pattern() default DEFAULT_PATH;
}
