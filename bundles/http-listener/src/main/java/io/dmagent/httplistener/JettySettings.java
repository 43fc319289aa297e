package io.dmagent.httplistener;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Our listener configuration in the words of Felix HTTP Jetty (configuration PID {@value #PID}):
 * one connector, HTTP or HTTPS (TLS 1.2 and 1.3 only, as every TLS endpoint of the agent), on the
 * configured address. A bad value is refused whole, naming the key, the value and what is expected.
 */
final class JettySettings {
  static final String PID = "org.apache.felix.http";
  private static final Pattern IP_LITERAL =
      Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
  private static final Set<String> STORE_TYPES = Set.of("PKCS12", "JKS");

  private JettySettings() {}

  /**
   * The Felix Jetty properties for {@code c}.
   *
   * @throws IllegalArgumentException naming the key, the bad value and what is expected
   */
  static Map<String, Object> of(ListenerConfig c) {
    String address = address(c.address());
    int port = c.port();
    if (port < 1 || port > 65535) {
      throw bad("port", Integer.toString(port), "a TCP port, 1-65535");
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("org.apache.felix.http.host", address);
    p.put("org.apache.felix.http.jetty.sendServerHeader", false);
    String keyStore = c.keyStore().strip();
    if (keyStore.isEmpty()) {
      p.put("org.apache.felix.http.enable", true);
      p.put("org.osgi.service.http.port", port);
      p.put("org.apache.felix.https.enable", false);
      return p;
    }
    if (!Files.isReadable(Path.of(keyStore))) {
      throw bad("keyStore", keyStore, "a readable key store file");
    }
    String type = c.keyStoreType().strip().toUpperCase(Locale.ROOT);
    if (!STORE_TYPES.contains(type)) {
      throw bad("keyStoreType", c.keyStoreType(), "PKCS12 or JKS");
    }
    p.put("org.apache.felix.http.enable", false);
    p.put("org.apache.felix.https.enable", true);
    p.put("org.osgi.service.http.port.secure", port);
    p.put("org.apache.felix.https.keystore", keyStore);
    p.put("org.apache.felix.https.keystore.type", type);
    p.put("org.apache.felix.https.keystore.password", c.keyStorePassword());
    p.put(
        "org.apache.felix.https.keystore.key.password",
        c.keyPassword().isEmpty() ? c.keyStorePassword() : c.keyPassword());
    p.put("org.apache.felix.https.jetty.protocols.included", "TLSv1.3,TLSv1.2");
    clientAuthentication(c, p);
    return p;
  }

  /** With a trust store, every client must present a certificate it trusts; else none is asked. */
  private static void clientAuthentication(ListenerConfig c, Map<String, Object> p) {
    String trustStore = c.trustStore().strip();
    if (trustStore.isEmpty()) {
      p.put("org.apache.felix.https.clientcertificate", "none");
      return;
    }
    if (!Files.isReadable(Path.of(trustStore))) {
      throw bad("trustStore", trustStore, "a readable trust store file");
    }
    String type = c.trustStoreType().strip().toUpperCase(Locale.ROOT);
    if (!STORE_TYPES.contains(type)) {
      throw bad("trustStoreType", c.trustStoreType(), "PKCS12 or JKS");
    }
    p.put("org.apache.felix.https.clientcertificate", "needs");
    p.put("org.apache.felix.https.truststore", trustStore);
    p.put("org.apache.felix.https.truststore.type", type);
    p.put("org.apache.felix.https.truststore.password", c.trustStorePassword());
  }

  /** An IP literal: a host name would be resolved at each start, and could resolve elsewhere. */
  private static String address(String value) {
    String a = value.strip();
    if (!IP_LITERAL.matcher(a).matches()) {
      throw bad("address", value, "an IP address such as 127.0.0.1, ::1 or 0.0.0.0");
    }
    try {
      return InetAddress.getByName(a).getHostAddress();
    } catch (UnknownHostException e) {
      throw bad("address", value, "an IP address such as 127.0.0.1, ::1 or 0.0.0.0");
    }
  }

  private static IllegalArgumentException bad(String key, String value, String expected) {
    return new IllegalArgumentException(
        ListenerConfig.PID + ": " + key + "=" + value + " is not " + expected);
  }

  /** What the listener serves, for the log: never a password. */
  static String describe(Map<String, Object> p) {
    boolean tls = Boolean.TRUE.equals(p.get("org.apache.felix.https.enable"));
    Object port = p.get(tls ? "org.osgi.service.http.port.secure" : "org.osgi.service.http.port");
    String host = String.valueOf(p.get("org.apache.felix.http.host"));
    return (tls ? "https://" : "http://")
        + (host.contains(":") ? "[" + host + "]" : host)
        + ":"
        + port
        + (tls ? " (key store " + p.get("org.apache.felix.https.keystore") + ")" : "")
        + ("needs".equals(p.get("org.apache.felix.https.clientcertificate"))
            ? ", client certificates from " + p.get("org.apache.felix.https.truststore")
            : "");
  }
}
