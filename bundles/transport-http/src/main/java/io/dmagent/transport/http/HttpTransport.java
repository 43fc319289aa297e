package io.dmagent.transport.http;

import io.dmagent.api.transport.ChannelSecurity;
import io.dmagent.api.transport.DmTransport;
import io.dmagent.api.transport.TransportException;
import io.dmagent.api.transport.TransportException.Kind;
import io.dmagent.api.transport.TransportSession;
import java.io.IOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The HTTP binding of DM (client side). An account's security demand decides the channel, never the
 * address alone: an account that demands TLS is refused an {@code http:} address instead of being
 * sent over plain TCP, a demand for a client certificate or a pre-shared key is met with that or
 * the session is refused, and plain HTTP (the account's explicit choice) is logged as a warning.
 */
@Component(
    service = DmTransport.class,
    configurationPid = HttpTransportConfig.PID,
    property = {DmTransport.SCHEMES + "=http", DmTransport.SCHEMES + "=https"})
@Designate(ocd = HttpTransportConfig.class)
public final class HttpTransport implements DmTransport {
  private final HttpLimits limits;
  private final TlsSettings tls;
  private final TlsContexts contexts;
  private final Consumer<String> warn;
  private final SecureRandom random = new SecureRandom();
  private final Set<String> plaintextWarned = ConcurrentHashMap.newKeySet();
  private final IdleConnections idle;

  @Activate
  public HttpTransport(
      HttpTransportConfig config, @Reference(service = LoggerFactory.class) Logger log) {
    this(config, (Consumer<String>) log::warn);
  }

  HttpTransport(HttpTransportConfig config, Consumer<String> warn) {
    this(HttpLimits.of(config), TlsConfig.settings(config, warn), warn);
  }

  /**
   * For plain Java (tests and benchmarks of other bundles): the binding with these limits and the
   * JDK's CA certificates; warnings go to the JDK's logger.
   */
  public HttpTransport(
      Duration connectTimeout, Duration readTimeout, int maxResponseBytes, String userAgent) {
    this(
        connectTimeout,
        readTimeout,
        maxResponseBytes,
        userAgent,
        TlsSettings.jdkDefaults(),
        line ->
            System.getLogger(HttpTransport.class.getName()).log(System.Logger.Level.WARNING, line));
  }

  /**
   * For plain Java: the binding with this key material; warnings (one line each) to {@code warn}.
   */
  public HttpTransport(
      Duration connectTimeout,
      Duration readTimeout,
      int maxResponseBytes,
      String userAgent,
      TlsSettings tls,
      Consumer<String> warn) {
    this(new HttpLimits(connectTimeout, readTimeout, maxResponseBytes, userAgent), tls, warn);
  }

  /**
   * As above, keeping a session's connection for {@code keepIdle} for the next session with the
   * same server and channel demand; {@link Duration#ZERO} closes it when the session ends.
   */
  public HttpTransport(
      Duration connectTimeout,
      Duration readTimeout,
      int maxResponseBytes,
      String userAgent,
      Duration keepIdle,
      TlsSettings tls,
      Consumer<String> warn) {
    this(
        new HttpLimits(connectTimeout, readTimeout, maxResponseBytes, userAgent, keepIdle),
        tls,
        warn);
  }

  HttpTransport(HttpLimits limits) {
    this(limits, TlsSettings.jdkDefaults(), line -> {});
  }

  HttpTransport(HttpLimits limits, TlsSettings tls, Consumer<String> warn) {
    this.limits = limits;
    this.tls = tls;
    this.contexts = new TlsContexts(tls);
    this.warn = warn;
    this.idle = new IdleConnections(limits.keepIdle(), Clock.systemUTC());
  }

  /** Closes the connections kept between sessions. */
  @Deactivate
  public void close() {
    idle.close();
  }

  /** How many connections are kept for later sessions now. */
  int idleConnections() {
    return idle.size();
  }

  @Override
  public Set<String> schemes() {
    return Set.of("http", "https");
  }

  @Override
  public TransportSession open(URI server, ChannelSecurity security) throws TransportException {
    return new HttpSession(connectorFor(server, security), limits, warn, idle, security);
  }

  private Connector connectorFor(URI server, ChannelSecurity security) throws TransportException {
    String scheme = server.getScheme() == null ? "" : server.getScheme().toLowerCase(Locale.ROOT);
    if (server.getHost() == null) {
      throw new TransportException(Kind.UNSUPPORTED, "server address without a host: " + server);
    }
    switch (scheme) {
      case "http":
        if (security.mode() != ChannelSecurity.Mode.PLAINTEXT) {
          throw refused(
              "the account demands "
                  + security.mode()
                  + " but its address is plain http ("
                  + server
                  + "): session refused, never sent in plaintext");
        }
        String peer = PlainConnector.peer(server, 80);
        if (plaintextWarned.add(peer)) {
          warn.accept(
              "plain HTTP to "
                  + peer
                  + ": DM messages and credentials travel unencrypted (the account's explicit"
                  + " choice; use an https address for TLS)");
        }
        return new PlainConnector();
      case "https":
        return secureConnector(security);
      default:
        throw new TransportException(Kind.UNSUPPORTED, "not an HTTP address: " + server);
    }
  }

  private Connector secureConnector(ChannelSecurity security) throws TransportException {
    try {
      switch (security.mode()) {
        case MUTUAL_TLS:
          return new TlsConnector(contexts.mutual(), null, warn);
        case TLS_PSK:
          return new PskConnector(preSharedKey(security), random, warn);
        default:
          return new TlsConnector(contexts.serverAuth(), contexts.probe(), warn);
      }
    } catch (GeneralSecurityException | IOException e) {
      String material = "no usable " + security.mode() + " key material: ";
      Optional<String> missing = missingFile(e);
      if (missing.isPresent()) {
        // A store not made yet (the demo server beside the agent makes its CA at its first start,
        // a provisioning step may come after boot): nothing was tried with the server, so the
        // session is tried again later as after a failed connection, and the store looked for
        // again then.
        String line = material + missing.get() + " is not there yet";
        warn.accept(line + "; tried again at the next attempt");
        throw new TransportException(Kind.CONNECT, line);
      }
      throw refused(material + e.getMessage());
    }
  }

  private static Optional<String> missingFile(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof NoSuchFileException missing) {
        return Optional.of(missing.getFile());
      }
    }
    return Optional.empty();
  }

  /**
   * The key the account's demand carries (its own, from its DMAcc), else the key configured for the
   * identity it names. A demand's own key is never swapped for the configured one: a wrong key
   * fails the handshake rather than trying another.
   */
  private PreSharedKey preSharedKey(ChannelSecurity security) throws GeneralSecurityException {
    if (security.pskKey().isPresent()) {
      byte[] key = security.pskKey().get().bytes();
      try {
        return new PreSharedKey(security.pskIdentity().orElseThrow(), key);
      } finally {
        Arrays.fill(key, (byte) 0);
      }
    }
    PreSharedKey psk =
        tls.preSharedKey()
            .orElseThrow(
                () ->
                    new GeneralSecurityException(
                        "the account demands TLS-PSK but no pre-shared key is configured"));
    if (security.pskIdentity().isPresent()
        && !security.pskIdentity().get().equals(psk.identity())) {
      throw new GeneralSecurityException(
          "no pre-shared key for identity " + security.pskIdentity().get());
    }
    return psk;
  }

  private TransportException refused(String line) {
    warn.accept(line);
    return new TransportException(Kind.SECURITY, line);
  }
}
