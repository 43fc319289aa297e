package io.dmagent.server.bootstrap;

import io.dmagent.api.log.WireText;
import io.dmagent.server.http.HttpAnswer;
import io.dmagent.server.http.HttpCall;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The server as DM Bootstrap Server: it keeps the bootstrap message made for each DevId ({@code
 * dmserver:bootstrap}) and serves it on {@code GET <path>/bootstrap?DevId=<DevId>} over the
 * server's channel (HTTPS: TLS authenticates the server, so the body goes unsigned in content type
 * {@code application/vnd.syncml.dm+wbxml}). No message for that DevId: 404. The ETag is the body's
 * hash; a matching If-None-Match is answered 304.
 */
public final class BootstrapDesk {
  static final int MAX_DEVIDS = 10_000;

  private final Map<String, BootstrapMessage> messages = new ConcurrentHashMap<>();
  private final Consumer<String> info;

  public BootstrapDesk(Consumer<String> info) {
    this.info = info;
  }

  /** Keeps {@code message} for {@code devId}, replacing the one it had. */
  public void keep(String devId, BootstrapMessage message) {
    if (messages.size() >= MAX_DEVIDS && !messages.containsKey(devId)) {
      throw new IllegalStateException("already " + MAX_DEVIDS + " bootstrap messages kept");
    }
    messages.put(devId, message);
  }

  /** Forgets the message of {@code devId}: its fetches get 404 again. */
  public boolean forget(String devId) {
    return messages.remove(devId) != null;
  }

  public Optional<BootstrapMessage> message(String devId) {
    return Optional.ofNullable(messages.get(devId));
  }

  public HttpAnswer handle(HttpCall call) {
    if (!call.method().equals("GET")) {
      return HttpAnswer.text(405, "bootstrap messages are fetched with GET");
    }
    Optional<String> devId = devId(call.target());
    if (devId.isEmpty()) {
      return HttpAnswer.text(400, "the query names no DevId");
    }
    BootstrapMessage m = messages.get(devId.get());
    if (m == null) {
      info.accept("bootstrap fetch by " + WireText.quote(devId.get()) + ": none kept for it, 404");
      return HttpAnswer.text(404, "no bootstrap message for this device");
    }
    String etag = m.etag();
    if (call.header("If-None-Match").filter(etag::equals).isPresent()) {
      info.accept("bootstrap fetch by " + WireText.quote(devId.get()) + ": not modified, 304");
      return new HttpAnswer(304, BootstrapMessage.MIME, new byte[0], Map.of("ETag", etag));
    }
    info.accept(
        "bootstrap fetch by "
            + WireText.quote(devId.get())
            + ": "
            + m.body().length
            + " bytes sent");
    return new HttpAnswer(200, BootstrapMessage.MIME, m.body(), Map.of("ETag", etag));
  }

  /** The DevId of {@code ?DevId=...} (the agent's framing; other parameters are ignored). */
  static Optional<String> devId(String target) {
    int q = target.indexOf('?');
    if (q < 0) {
      return Optional.empty();
    }
    for (String pair : target.substring(q + 1).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals("DevId")) {
        try {
          String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
          return value.isEmpty() ? Optional.empty() : Optional.of(value);
        } catch (IllegalArgumentException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }
}
