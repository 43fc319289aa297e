package io.dmagent.pushhttp;

import io.dmagent.api.mo.OptionalFeature;
import io.dmagent.api.push.PushChannel;
import io.dmagent.api.push.PushReceiver;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The HTTP push binding: a servlet on the HTTP Whiteboard (the agent's HTTP listener, whose
 * configuration gives address, port and TLS) at the configured path, registered with the {@link
 * PushChannel} and the {@code PushHTTP} feature while it is up. Wiring only: {@link PushExchange}
 * serves each request.
 */
@Component(
    service = {Servlet.class, PushChannel.class, OptionalFeature.class},
    configurationPid = PushHttpConfig.PID,
    property = "osgi.http.whiteboard.servlet.pattern=" + PushHttpConfig.DEFAULT_PATH)
@Designate(ocd = PushHttpConfig.class)
public final class HttpPushBinding extends HttpServlet implements PushChannel, OptionalFeature {
  private static final long serialVersionUID = 1L;

  private final transient PushExchange exchange;
  private final String path;

  @Activate
  public HttpPushBinding(
      PushHttpConfig config,
      @Reference PushReceiver receiver,
      @Reference(service = LoggerFactory.class) Logger log) {
    this.exchange = new PushExchange(receiver, log::warn);
    this.path = config.osgi_http_whiteboard_servlet_pattern();
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    exchange.serve(request, response);
  }

  @Override
  public String binding() {
    return "http";
  }

  @Override
  public String endpoint() {
    return "POST " + path + " on the agent's HTTP listener (io.dmagent.http.listener)";
  }

  @Override
  public String name() {
    return "PushHTTP";
  }

  @Override
  public String description() {
    return "package #0 and pushed DM messages POSTed to " + path;
  }
}
