package io.dmagent.server.push;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a device takes pushes: {@code http(s)://host:port/path}, {@code sip:udp://host:port} or
 * {@code sip:tcp://host:port} ({@code sip://} is UDP), {@code wap://host:port} (2948 when absent),
 * {@code mqtt://host:port} (the broker; 1883 when absent).
 *
 * @param transport {@code udp} or {@code tcp} for SIP; the URI scheme otherwise
 */
public record PushAddress(PushBinding binding, String transport, URI uri) {
  public PushAddress {
    Objects.requireNonNull(binding);
    Objects.requireNonNull(transport);
    Objects.requireNonNull(uri);
  }

  public static PushAddress parse(String text) {
    String t = text.strip();
    String lower = t.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      URI u = uri(t);
      return new PushAddress(PushBinding.HTTP, u.getScheme().toLowerCase(Locale.ROOT), u);
    }
    if (lower.startsWith("sip:udp://") || lower.startsWith("sip:tcp://")) {
      return new PushAddress(
          PushBinding.SIP, lower.substring(4, 7), withPort(t.substring(4), 5060));
    }
    if (lower.startsWith("sip://")) {
      return new PushAddress(PushBinding.SIP, "udp", withPort(t, 5060));
    }
    if (lower.startsWith("wap://")) {
      return new PushAddress(PushBinding.WAP, "udp", withPort(t, 2948));
    }
    if (lower.startsWith("mqtt://") || lower.startsWith("tcp://")) {
      return new PushAddress(PushBinding.MQTT, "tcp", withPort(t, 1883));
    }
    throw new IllegalArgumentException(
        "not a push address (http://, sip:udp://, sip:tcp://, wap://, mqtt://): " + t);
  }

  public String host() {
    return uri.getHost();
  }

  public int port() {
    return uri.getPort();
  }

  private static URI withPort(String text, int port) {
    URI u = uri(text);
    if (u.getHost() == null) {
      throw new IllegalArgumentException("push address without a host: " + text);
    }
    return u.getPort() >= 0 ? u : uri(u.getScheme() + "://" + u.getHost() + ":" + port);
  }

  private static URI uri(String text) {
    try {
      URI u = new URI(text);
      if (u.getHost() == null) {
        throw new IllegalArgumentException("push address without a host: " + text);
      }
      return u;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("push address not a URI: " + text, e);
    }
  }

  @Override
  public String toString() {
    return binding == PushBinding.SIP
        ? "sip:" + transport + "://" + uri.getAuthority()
        : uri.toString();
  }
}
