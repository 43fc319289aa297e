package io.dmagent.server.tls;

import io.dmagent.server.http.ServerChannels;
import java.io.IOException;
import java.net.Socket;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** HTTPS through JSSE: TLS 1.2 and 1.3, with or without a required client certificate. */
final class JsseChannels implements ServerChannels {
  private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  private final SSLContext context;
  private final boolean needClientAuth;
  private final String[] protocols;

  JsseChannels(SSLContext context, boolean needClientAuth, String[] protocols) {
    this.context = context;
    this.needClientAuth = needClientAuth;
    this.protocols = protocols == null ? PROTOCOLS : protocols.clone();
  }

  @Override
  public Streams open(Socket tcp) throws IOException {
    // autoClose false: the endpoint closes TCP itself, after letting the client read an alert.
    SSLSocket tls =
        (SSLSocket) context.getSocketFactory().createSocket(tcp, null, tcp.getPort(), false);
    tls.setUseClientMode(false);
    tls.setEnabledProtocols(protocols);
    tls.setNeedClientAuth(needClientAuth);
    tls.startHandshake();
    return new Streams(tls.getInputStream(), tls.getOutputStream());
  }

  @Override
  public String scheme() {
    return "https";
  }

  @Override
  public String failure(IOException e) {
    String message = String.valueOf(e.getMessage());
    String lower = message.toLowerCase(Locale.ROOT);
    if (lower.contains("empty client certificate chain")
        || lower.contains("empty server certificate chain")
        || lower.contains("null cert chain")) {
      return "the device offered no client certificate (" + message + ")";
    }
    // No path to a trust anchor, or one that fails (a certificate from a CA of the same name but
    // another key fails its signature check): either way the server does not trust it.
    if (lower.contains("unable to find valid certification path")
        || lower.contains("path building failed")
        || lower.contains("path validation failed")) {
      return "the device's client certificate is not trusted (" + message + ")";
    }
    if (lower.contains("certificate_unknown") || lower.contains("bad_certificate")) {
      return "the device refused the server's certificate (" + message + ")";
    }
    return message;
  }
}
