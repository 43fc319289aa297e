package io.dmagent.httplistener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Gives Felix HTTP Jetty its configuration from ours ({@code io.dmagent.http.listener}): the
 * agent's one HTTP server, on loopback unless configured otherwise. Jetty waits for it (the
 * launcher sets {@code org.apache.felix.http.require.config}), so it never opens its default port
 * on every interface. A bad value is one ERROR line; the listener keeps what it had.
 */
@Component(configurationPid = ListenerConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ListenerConfig.class)
public final class HttpListener {
  private final ConfigurationAdmin configAdmin;
  private final Logger log;

  @Activate
  public HttpListener(
      ListenerConfig config,
      @Reference ConfigurationAdmin configAdmin,
      @Reference(service = LoggerFactory.class) Logger log) {
    this.configAdmin = configAdmin;
    this.log = log;
    apply(config);
  }

  @Modified
  void modified(ListenerConfig config) {
    apply(config);
  }

  private void apply(ListenerConfig config) {
    Map<String, Object> settings;
    try {
      settings = JettySettings.of(config);
    } catch (IllegalArgumentException e) {
      log.error("{}; the HTTP listener keeps its previous configuration", e.getMessage());
      return;
    }
    try {
      // "?": whichever bundle provides the whiteboard (its location is not ours to know).
      Configuration jetty = configAdmin.getConfiguration(JettySettings.PID, "?");
      if (jetty.updateIfDifferent(dictionary(settings))) {
        log.info("HTTP listener at {}", JettySettings.describe(settings));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store the HTTP listener's configuration", e);
    }
  }

  private static Dictionary<String, Object> dictionary(Map<String, Object> settings) {
    return new Hashtable<>(settings);
  }
}
