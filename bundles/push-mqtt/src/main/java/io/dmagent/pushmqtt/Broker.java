package io.dmagent.pushmqtt;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The broker the binding connects to, from its configured URI ({@code tcp://host:port} or {@code
 * ssl://host:port}), and whether a report address ({@code mqtt://} or {@code mqtts://}) names it.
 */
record Broker(boolean tls, String host, int port) {
  static final int PLAIN_PORT = 1883;
  static final int TLS_PORT = 8883;

  static Broker of(String brokerUri) {
    URI uri;
    try {
      uri = new URI(brokerUri.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("broker URI is not a URI: " + e.getMessage());
    }
    String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
    boolean tls =
        switch (scheme) {
          case "tcp" -> false;
          case "ssl" -> true;
          default ->
              throw new IllegalArgumentException(
                  "broker URI scheme must be tcp or ssl, not " + scheme);
        };
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("broker URI names no host");
    }
    return new Broker(tls, uri.getHost(), port(uri.getPort(), tls));
  }

  private static int port(int given, boolean tls) {
    return given > 0 ? given : tls ? TLS_PORT : PLAIN_PORT;
  }

  /** The URI Paho connects to (no user info: credentials come from configuration). */
  String pahoUri() {
    return (tls ? "ssl://" : "tcp://") + hostForUri() + ":" + port;
  }

  /** How a report address names this broker: {@code mqtt://host:port} or {@code mqtts://...}. */
  String reportUri() {
    return (tls ? "mqtts://" : "mqtt://") + hostForUri() + ":" + port;
  }

  private String hostForUri() {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /**
   * Why {@code destination} cannot go over this broker's connection, or null when it can: its
   * scheme must be mqtt for tcp and mqtts for ssl, its host (compared as written, case ignored) and
   * port (1883 and 8883 when absent) this broker's.
   */
  String mismatch(URI destination) {
    String scheme = String.valueOf(destination.getScheme()).toLowerCase(Locale.ROOT);
    if (!scheme.equals("mqtt") && !scheme.equals("mqtts")) {
      return "scheme " + scheme + " is not mqtt or mqtts";
    }
    boolean wantsTls = scheme.equals("mqtts");
    if (wantsTls != tls) {
      return "it asks for " + scheme + " but the broker connection is " + (tls ? "ssl" : "tcp");
    }
    if (destination.getHost() == null
        || !destination.getHost().equalsIgnoreCase(host)
        || port(destination.getPort(), tls) != port) {
      return "it names another broker than the connected " + reportUri();
    }
    return null;
  }
}
