package io.dmagent.transport.http;

import io.dmagent.api.transport.ChannelSecurity;
import io.dmagent.api.transport.DmTransport;
import io.dmagent.api.transport.TransportException;
import io.dmagent.api.transport.TransportException.Kind;
import io.dmagent.api.transport.TransportSession;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The HTTP binding of DM (client side). An account's security demand decides the channel, never the
 * address alone: an account that demands TLS is refused an {@code http:} address instead of being
 * sent over plain TCP.
 */
@Component(
    service = DmTransport.class,
    configurationPid = HttpTransportConfig.PID,
    property = {DmTransport.SCHEMES + "=http", DmTransport.SCHEMES + "=https"})
@Designate(ocd = HttpTransportConfig.class)
public final class HttpTransport implements DmTransport {
  private final HttpLimits limits;
  private final TlsContextSource tlsContext;

  @Activate
  public HttpTransport(HttpTransportConfig config) {
    this(HttpLimits.of(config), SSLContext::getDefault);
  }

  /**
   * For plain Java (tests and benchmarks of other bundles): the binding with these limits and the
   * JDK's default TLS context.
   */
  public HttpTransport(
      Duration connectTimeout, Duration readTimeout, int maxResponseBytes, String userAgent) {
    this(new HttpLimits(connectTimeout, readTimeout, maxResponseBytes, userAgent));
  }

  HttpTransport(HttpLimits limits) {
    this(limits, SSLContext::getDefault);
  }

  HttpTransport(HttpLimits limits, TlsContextSource tlsContext) {
    this.limits = limits;
    this.tlsContext = tlsContext;
  }

  /** Where the TLS context (trust store, key material) comes from. */
  @FunctionalInterface
  interface TlsContextSource {
    SSLContext get() throws GeneralSecurityException, IOException;
  }

  @Override
  public Set<String> schemes() {
    return Set.of("http", "https");
  }

  @Override
  public TransportSession open(URI server, ChannelSecurity security) throws TransportException {
    return new HttpSession(connectorFor(server, security), limits);
  }

  private Connector connectorFor(URI server, ChannelSecurity security) throws TransportException {
    String scheme = server.getScheme() == null ? "" : server.getScheme().toLowerCase(Locale.ROOT);
    if (server.getHost() == null) {
      throw new TransportException(Kind.UNSUPPORTED, "server address without a host: " + server);
    }
    switch (scheme) {
      case "http":
        if (security.mode() != ChannelSecurity.Mode.PLAINTEXT) {
          throw new TransportException(
              Kind.SECURITY,
              "the account demands "
                  + security.mode()
                  + " but its address is plain http: "
                  + server);
        }
        return new PlainConnector();
      case "https":
        return tlsConnector(security);
      default:
        throw new TransportException(Kind.UNSUPPORTED, "not an HTTP address: " + server);
    }
  }

  private Connector tlsConnector(ChannelSecurity security) throws TransportException {
    switch (security.mode()) {
      case PLAINTEXT:
      case TLS:
        try {
          return new TlsConnector(tlsContext.get());
        } catch (GeneralSecurityException | IOException e) {
          throw new TransportException(
              Kind.SECURITY, "no usable TLS context: " + e.getMessage(), e);
        }
      default:
        // Client certificates and pre-shared keys come with the security bundle's key material.
        throw new TransportException(
            Kind.UNSUPPORTED, security.mode() + " channels need the security bundle");
    }
  }
}
